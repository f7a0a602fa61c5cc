package terms

import "testing"

func TestHomeName(t *testing.T) {
	for _, tc := range []struct {
		code, want string
		ok         bool
	}{
		{"US-CA", "the State of California", true},
		{"us-ny", "the State of New York", true},
		{"US-MA", "the Commonwealth of Massachusetts", true},
		{"US-DC", "the District of Columbia", true},
		{"GB", "England and Wales", true},
		{"DE", "Germany", true},
		{"NL", "the Netherlands", true},
		{"IE", "Ireland", true},
		{"CA-ON", "the Province of Ontario", true},
		{"CA-QC", "the Province of Quebec", true},
		{"AU-NSW", "the State of New South Wales", true},
		{"AU-ACT", "the Australian Capital Territory", true},
		// Contract law is the states' and provinces': no one name.
		{"US", "", false},
		{"CA", "", false},
		{"US-ZZ", "", false},
		{"XX", "", false},
		{"", "", false},
	} {
		got, ok := HomeName(tc.code)
		if got != tc.want || ok != tc.ok {
			t.Errorf("HomeName(%q) = %q, %v; want %q, %v", tc.code, got, ok, tc.want, tc.ok)
		}
	}
}
