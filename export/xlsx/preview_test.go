package xlsx

import (
	"errors"
	"strings"
	"testing"
)

// TestCellPreview: a text longer than a cell is shown as its beginning
// with a marker, within the cell's limit, also with characters outside
// the BMP; the unchanged preview reads as "no change" and an edited one is
// refused.
func TestCellPreview(t *testing.T) {
	for _, text := range []string{strings.Repeat("я", MaxCellChars+1), strings.Repeat("𠀋字", 20000), strings.Repeat("a", 100000)} {
		shown, cut := cellPreview(text)
		if !cut || utf16Len(shown) > MaxCellChars {
			t.Fatalf("cut %v, %d code units", cut, utf16Len(shown))
		}
		if got, ok, err := readPreview(shown); !ok || err != nil || got != "" {
			t.Errorf("unchanged preview read as %q, %v, %v", got[:min(len(got), 20)], ok, err)
		}
		if _, ok, err := readPreview("x" + shown); !ok || !errors.Is(err, ErrTooLong) {
			t.Errorf("edited preview: %v, %v", ok, err)
		}
	}
	if shown, cut := cellPreview("short"); cut || shown != "short" {
		t.Errorf("short text: %q, %v", shown, cut)
	}
	if got, ok, err := readPreview("a normal translation"); ok || err != nil || got != "a normal translation" {
		t.Errorf("normal text: %q %v %v", got, ok, err)
	}
}
