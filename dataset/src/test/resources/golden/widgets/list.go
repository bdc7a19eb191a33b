package widgets

import (
	"fmt"
	"strings"
)

// List is a generic singly linked list.
type List[T any] struct {
	head *node[T]
	size int
}

type node[T any] struct {
	value T
	next  *node[T]
}

// Push adds v at the front of the list.
//
// It never fails: a list grows as long as memory lasts.
//
//go:noinline
func (l *List[T]) Push(v T) {
	l.head = &node[T]{value: v, next: l.head}
	l.size++
	if l.size < 0 {
		panic("overflow")
	}
}

// Pairs walks two lists in step, a method on a receiver with two type parameters.
func (p *Pair[K, V]) Pairs(keys *List[K], values *List[V]) []struct {
	Key   K
	Value V
} {
	var out []struct {
		Key   K
		Value V
	}
	for k, v := keys.head, values.head; k != nil && v != nil; k, v = k.next, v.next {
		out = append(out, struct {
			Key   K
			Value V
		}{k.value, v.value})
	}
	return out
}

// Pair holds two lists.
type Pair[K comparable, V any] struct{ Keys *List[K] }

// This comment is separated from the function by a blank line, so it is not its doc.

func undocumented(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r)
	}
	return b.String()
}

/*
Render draws the list with braces that live in literals: none of them may end the body.
    Indented lines keep their indentation.
*/
func Render[T fmt.Stringer](l *List[T]) string {
	open, close := '{', '}'
	quote := '\''
	raw := `}}} a raw string with "quotes", 'runes' and
a newline }`
	s := "\"}\" in an interpreted string {"
	var b strings.Builder
	b.WriteRune(open)
	for n := l.head; n != nil; n = n.next {
		b.WriteString(n.value.String()) // a line comment with } and "
		/* a general comment with { */
	}
	b.WriteRune(close)
	_ = []map[string][]int{{"a": {1, 2}}, {"b": {3}}}
	return b.String() + raw + s + string(quote)
}

// Map applies f to every value; its result type holds an interface literal.
func Map[T, U any](l *List[T], f func(T) U) interface{ Len() int } {
	out := &List[U]{}
	for n := l.head; n != nil; n = n.next {
		out.Push(f(n.value))
	}
	return lengthOf(out.size)
}

type lengthOf int

// Len reports the length. Its body is one line, shorter than the default minimum.
func (n lengthOf) Len() int { return int(n) }

var compare = func(a, b int) bool {
	// A function literal at the top level is not a declaration.
	return a < b
}

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
