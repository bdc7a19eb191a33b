package dep

// Vendored is under vendor/, which is skipped unless vendored code is included.
func Vendored() int {
	a := 1
	b := 2
	return a + b
}
