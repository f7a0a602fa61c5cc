package analyze

import (
	"testing"

	"github.com/termscore/termscore/internal/rules"
)

// embeddedRules returns the rule packs built into the binary.
func embeddedRules(tb testing.TB) *rules.Set {
	tb.Helper()
	rs, err := rules.Embedded()
	if err != nil {
		tb.Fatal(err)
	}
	return rs
}
