package widgets

// Latin1 has a comment in ISO-8859-1: café. The file is reported and skipped.
func Latin1() int {
	a := 1
	b := 2
	return a + b
}
