package widgets

// Ignored has a name starting with an underscore: the go tool ignores such files, and so do we.
func Ignored() int {
	a := 1
	b := 2
	return a + b
}
