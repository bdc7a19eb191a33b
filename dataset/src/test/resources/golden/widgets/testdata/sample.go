package sample

// Sample is under testdata/, which is skipped.
func Sample() int {
	a := 1
	b := 2
	return a + b
}
