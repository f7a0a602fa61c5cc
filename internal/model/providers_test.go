package model

import "testing"

func TestWithProvider(t *testing.T) {
	for _, c := range []struct{ group, in, as, want string }{
		{"LindenLab", "linden lab may modify the terms . ", "we", "we may modify the terms . "},
		{"LindenLab", "linden may modify linden lab 's terms", "we", "we may modify we 's terms"},
		{"Booking", "booking.com b.v. and booking.com reserve", "-", " b.v. and  reserve"},
		{"Oculus", "see https://support.oculus.com or oculus", "we", "see https://support.oculus.com or we"},
		{"Oculus", "supercell may", "we", "supercell may"},
		{"Endomondo", "ua , under armour and uae", "we", "we , we and uae"},
	} {
		got := withProvider([]LabelledSentence{{Text: c.in, Group: c.group}}, c.as)[0].Text
		if got != c.want {
			t.Errorf("%s %q as %q: got %q, want %q", c.group, c.in, c.as, got, c.want)
		}
	}
}
