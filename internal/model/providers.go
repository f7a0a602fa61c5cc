package model

import (
	"regexp"
	"strings"
)

// unfairProviders are the names each UNFAIR-ToS company's terms call
// the provider (and its service) by, lower-case as the corpus writes them.
// A held-out company has another name, so features learnt on these are
// wasted on it; ProviderAs replaces them in training sentences.
var unfairProviders = map[string][]string{
	"9gag":            {"9gag"},
	"Airbnb":          {"airbnb"},
	"Atlas":           {"atlas solutions", "atlas"},
	"Betterpoints_UK": {"betterpoints.uk", "betterpoints"},
	"Booking":         {"booking.com"},
	"Crowdtangle":     {"crowdtangle"},
	"Deliveroo":       {"deliveroo"},
	"Dropbox":         {"dropbox"},
	"Endomondo":       {"under armour", "endomondo", "ua"},
	"Facebook":        {"facebook"},
	"Fitbit":          {"fitbit"},
	"Google":          {"google"},
	"Headspace":       {"headspace"},
	"Instagram":       {"instagram"},
	"LindenLab":       {"linden lab", "linden"},
	"Masquerade":      {"masquerade"},
	"Microsoft":       {"microsoft"},
	"Moves-app":       {"protogeo", "moves"},
	"Nintendo":        {"nintendo"},
	"Oculus":          {"oculus"},
	"Onavo":           {"onavo"},
	"PokemonGo":       {"niantic"},
	"Rovio":           {"rovio"},
	"Skype":           {"skype", "microsoft"},
	"Skyscanner":      {"skyscanner"},
	"Spotify":         {"spotify"},
	"Supercell":       {"supercell"},
	"Syncme":          {"sync.me"},
	"Tinder":          {"tinder"},
	"TripAdvisor":     {"tripadvisor"},
	"TrueCaller":      {"truecaller"},
	"Viber":           {"viber"},
	"Vimeo":           {"vimeo"},
	"Vivino":          {"vivino"},
	"WhatsApp":        {"whatsapp"},
	"WorldOfWarcraft": {"blizzard entertainment", "blizzard"},
	"YouTube":         {"youtube"},
	"Yahoo":           {"yahoo"},
	"Zynga":           {"zynga"},
	"musically":       {"musical.ly"},
}

// providerPatterns compiles one pattern per company matching its names as
// whole words.
func providerPatterns() map[string]*regexp.Regexp {
	out := make(map[string]*regexp.Regexp, len(unfairProviders))
	for co, names := range unfairProviders {
		q := make([]string, len(names))
		for i, n := range names {
			q[i] = regexp.QuoteMeta(n)
		}
		out[co] = regexp.MustCompile(`(^|[^\w.@/])(` + strings.Join(q, "|") + `)([^\w@/]|$)`)
	}
	return out
}

// withProvider returns sents with each company's own names replaced by
// as (dropped when as is "-"), for training; other sentences unchanged.
func withProvider(sents []LabelledSentence, as string) []LabelledSentence {
	if as == "" {
		return sents
	}
	repl := "${1}" + as + "${3}"
	if as == "-" {
		repl = "${1}${3}"
	}
	pats := providerPatterns()
	out := make([]LabelledSentence, len(sents))
	for i, s := range sents {
		if p, ok := pats[s.Group]; ok {
			// Twice: a match consumes the space a neighbouring one needs.
			s.Text = p.ReplaceAllString(p.ReplaceAllString(s.Text, repl), repl)
		}
		out[i] = s
	}
	return out
}
