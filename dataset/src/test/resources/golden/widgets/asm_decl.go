package widgets

// Add is implemented in assembly: a declaration without a body gives no pair.
func Add(x, y uint64) uint64

// Double doubles x with a body long enough.
func Double(x uint64) uint64 {
	var result uint64
	result = Add(x, x)
	return result
}
