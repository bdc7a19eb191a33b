package widgets

// Short has a documented body of three lines, below the minimum of five.
func Short() int {
	return 1
}

// Five has a body of exactly five lines, the minimum.
func Five() (a, b int) {
	a = 1
	b = 2
	return
}
