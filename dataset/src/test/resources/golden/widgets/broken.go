package widgets

// Broken never closes its raw string, so the whole file is reported and skipped.
func Broken() string {
	return `this raw string
has no end
}
