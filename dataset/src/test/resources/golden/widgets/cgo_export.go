package widgets

// Exported is called from C. The export directive below is not doc text.
//
//export Exported
//nolint:unused
//lint:ignore U1000 a directive with a space after the colon is still a directive
// go:generate with a space after the slashes is ordinary text
func Exported(x int) int {
	y := x * 2
	y += 1
	y -= 1
	return y
}
