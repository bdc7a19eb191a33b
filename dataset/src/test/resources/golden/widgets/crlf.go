package widgets

// CRLF is written with Windows line ends.
// Its doc loses the carriage returns; its output keeps them.
func CRLF(a, b int) int {
	if a > b {
		return a
	}
	return b
}
