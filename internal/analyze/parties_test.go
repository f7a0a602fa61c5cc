package analyze

import "testing"

func TestFill(t *testing.T) {
	p := parties{client: "the Agency", contractor: "the Consultant", deliverables: "the Work Product"}
	tests := []struct{ in, want string }{
		{"{{client}} may not use {{deliverables}} to train AI.", "The Agency may not use the Work Product to train AI."},
		{"Neither the {{client}} nor any {{deliverables}}.", "Neither the Agency nor any Work Product."},
		{"Paid to {{contractor}}: {{contractor}} keeps rights.", "Paid to the Consultant: the Consultant keeps rights."},
		{"no placeholders", "no placeholders"},
	}
	for _, tt := range tests {
		if got := p.fill(tt.in); got != tt.want {
			t.Errorf("fill(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
