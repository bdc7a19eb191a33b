//go:build linux
// +build linux

package widgets

import "os"

// Hostname returns the machine's name, or "localhost" when the kernel does not say.
// Build constraints above the package clause are not part of any doc comment.
func Hostname() string {
	name, err := os.Hostname()
	if err != nil {
		return "localhost"
	}
	return name
}
