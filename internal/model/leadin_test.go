package model

import "testing"

// Sentences 283-289 of Airbnb's terms in UNFAIR-ToS (the lead-in cut).
var airbnbList = []string{
	"15.5 in addition , airbnb may take any of the following measures -lrb- i -rrb- to comply with applicable law : ",
	"refuse to surface , delete or delay any listings , ratings , reviews , or other member content ; ",
	"cancel any pending or confirmed bookings ; ",
	"limit your access to or use of the airbnb platform ; ",
	"temporarily or permanently revoke any special status associated with your airbnb account ; or ",
	"temporarily or in case of severe or repeated offenses permanently suspend your airbnb account . ",
	"in case of non-material breaches and where appropriate , you will be given notice of any intended measure by airbnb . ",
}

func TestListLeadIn(t *testing.T) {
	want := []int{-1, 0, 0, 0, 0, 0, -1}
	for i, w := range want {
		if got := listLeadIn(airbnbList, i); got != w {
			t.Errorf("sentence %d: lead-in %d, want %d", i, got, w)
		}
	}
	// A colon before whole sentences opens no list.
	if got := listLeadIn([]string{"the following terms apply : ", "you agree to arbitrate . ", "we may change the terms . "}, 1); got != -1 {
		t.Errorf("sentence after a colon, ending in a full stop: lead-in %d, want -1", got)
	}
}

func TestWithLeadIns(t *testing.T) {
	var sents []LabelledSentence
	for _, s := range airbnbList[:3] {
		sents = append(sents, LabelledSentence{Text: s, Group: "Airbnb"})
	}
	sents = append(sents, LabelledSentence{Text: "cancel any bookings ; ", Group: "Other"})
	got := withLeadIns(sents, "zzl")
	if got[0].Text != sents[0].Text || got[3].Text != sents[3].Text {
		t.Errorf("a lead-in or another company's sentence changed: %q, %q", got[0].Text, got[3].Text)
	}
	const want = "cancel any pending or confirmed bookings ; " +
		" zzl0.0 zzlin zzladdition zzlairbnb zzlmay zzltake zzlany zzlof zzlthe zzlfollowing zzlmeasures zzli zzlto zzlcomply zzlwith zzlapplicable zzllaw"
	if got[2].Text != want {
		t.Errorf("list item:\n got %q\nwant %q", got[2].Text, want)
	}
}
