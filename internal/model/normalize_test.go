package model

import "testing"

func TestTokensSameForRawAndCorpus(t *testing.T) {
	tests := []struct{ raw, corpus, want string }{
		{
			raw:    `We don't accept liability (including "indirect" losses) — see Section 12.3.`,
			corpus: "we do n't accept liability -lrb- including `` indirect '' losses -rrb- -- see section 12.3 .",
			want:   "we do n't accept liability ( including indirect losses ) see section 0.0 . ",
		},
		{
			raw:    "We’ve updated the Company’s Terms at https://example.com/terms or email help@example.com.",
			corpus: "we 've updated the company 's terms at https://example.com/terms or email help@example.com .",
			want:   "we 've updated the company 's terms at <url> or email <email> . ",
		},
		{
			raw:    "Fees of $75,000 apply; U.S. law and/or third-party rules can't change that!",
			corpus: "fees of $ 75,000 apply ; u.s. law and/or third-party rules ca n't change that !",
			want:   "fees of $ 0,0 apply ; u.s . law and/or third-party rules ca n't change that ! ",
		},
	}
	for _, tt := range tests {
		raw := string(Tokens(nil, tt.raw))
		corpus := string(Tokens(nil, tt.corpus))
		if raw != tt.want {
			t.Errorf("Tokens(%q)\n got %q\nwant %q", tt.raw, raw, tt.want)
		}
		if corpus != tt.want {
			t.Errorf("Tokens(%q)\n got %q\nwant %q", tt.corpus, corpus, tt.want)
		}
	}
}
