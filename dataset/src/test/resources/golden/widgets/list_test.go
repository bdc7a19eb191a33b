package widgets

import "testing"

// TestPush is in a test file, which is skipped unless tests are included.
func TestPush(t *testing.T) {
	var l List[int]
	l.Push(1)
	if l.size != 1 {
		t.Fatal("size")
	}
}
