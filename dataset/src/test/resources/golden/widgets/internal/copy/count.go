package copy

// Count counts the values for which keep reports true. // slashes inside doc text stay.
//
//	for example, an indented code block
//	stays indented
func Count[T any](l *List[T], keep func(T) bool) (n int) {
	for e := l.head; e != nil; e = e.next {
		if keep(e.value) {
			n++
		}
	}
	return n
}

// List is a stand-in so that this copy compiles on its own.
type List[T any] struct{ head *node[T] }

type node[T any] struct {
	value T
	next  *node[T]
}
