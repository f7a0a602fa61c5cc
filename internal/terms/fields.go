package terms

import (
	"regexp"
	"strconv"
	"strings"
)

// The keywords each extractor anchors on; see scanner.hits.
var (
	kwEffective = keywords("effective date", "effective as of", "effective on", "effective from", "commencement date", "become effective", "becomes effective", "effective beginning", "effective upon")
	kwCommence  = keywords("commenc", "begin", "start")
	kwExpire    = keywords("expir", "until", "terminate on", "ending on", "end on")
	kwPerpetual = keywords("perpetu", "indefinite", "until terminated", "until termination", "until the expiration", "until the earlier", "until the later", "end when terminated", "until such time")
	kwTerm      = keywords("term of this", "initial term", "term of the", "shall continue", "will continue", "remain in effect", "remain in full force", "term shall", "term will", "term of", "term is")
	kwRenew     = keywords("renew", "extended for", "extend for")
	kwNotice    = keywords("notice")
	kwLaw       = keywords("governed by", "governing law", "construed", "interpreted", "governed in accordance", "governs this", "laws of")
	kwVenue     = keywords("jurisdiction", "venue", "courts")
	kwPayment   = keywords("invoice", "net", "payable", "shall pay", "will pay", "payment")
	kwFee       = keywords("fee", "pay", "compensat", "rate of", "price")
	kwRent      = keywords("rent")
	kwSalary    = keywords("salary")
	kwLate      = keywords("late", "overdue", "past due", "unpaid", "interest", "delinquent")
	kwLiability = keywords("liabil")
	kwCompete   = keywords("compet")
	kwDeposit   = keywords("deposit")
	kwTotal     = keywords("total")
)

var agreementCue = regexp.MustCompile(`(?:dated|entered\s+into|made|executed|effective|date[d:]?|date\s+of\s+(?:this\s+)?(?:agreement|contract)|as\s+of|this|on)[\s,:]*(?:as\s+of|on|this|effective)?[\s,:]*(?:the\s+)?$`)

// namedDateRe is a date's label ending just before it: "Wedding Date:",
// "date of agreement:" is agreementCue's.
var namedDateRe = regexp.MustCompile(`\b([a-z]+)[ _-]date\W{0,4}$`)

// definedDateRe is a defined term whose meaning is the date that follows.
var definedDateRe = regexp.MustCompile(`["“]([^"“”]{1,40})["”]\s*(?:shall\s+mean|means|is|:)\s*(?:the\s+)?$`)

// endCueRe is an end word just before a date.
var endCueRe = regexp.MustCompile(`\b(?:terminat\w*|expir\w*|end|ends|ending|until|through)\s+(?:on\s+)?(?:the\s+)?$`)

// deadlineCueRe is a deadline's word just before a date: "by", "no
// later than", "on or before".
var deadlineCueRe = regexp.MustCompile(`(?:\bby|\bno\s+later\s+than|\bnot\s+later\s+than|\bon\s+or\s+before|\bbefore|\bprior\s+to)\s+(?:the\s+)?$`)

// scheduleCueRe is a schedule's label just before a date: "Date(s)/Time(s):
// Thursday,", "Time:". ("Effective Dates:" labels the agreement's.)
var scheduleCueRe = regexp.MustCompile(`(?:time\(s\)|times?)[^\n:]{0,20}:[^\n:]{0,15}$`)

// versionCueRe is a form's version label just before a date: "v.
// 2019-11-23", "Version 2024-01-05". ("Version date:" is namedDateRe's.)
var versionCueRe = regexp.MustCompile(`(?:^|[\s(])(?:v|ver|version)\.?\s*$`)

// agreementDateNames label the date an agreement was made.
var agreementDateNames = map[string]bool{"agreement": true, "contract": true, "effective": true, "execution": true,
	"signature": true, "signing": true, "issue": true, "revised": true, "revision": true, "updated": true, "version": true,
	"amendment": true, "the": true, "this": true, "of": true}

// agreementDates reads the agreement date and the effective date.
func agreementDates(s *scanner) (agreement, effective *Date) {
	end := min(s.preambleEnd(), 3000)
	pre := s.text[:end]
	dates := findDates(pre, s.lower[:end], 0)
	var first *Date
	for i := range dates {
		d := &dates[i]
		if d.Day == 0 && d.Year == 0 {
			continue
		}
		before := asciiLower(pre[max(0, d.Span.Start-40):d.Span.Start])
		// "Wedding Date: 2025-08-14", "Start Date: …": another date.
		if m := namedDateRe.FindStringSubmatch(before); m != nil && !agreementDateNames[m[1]] {
			continue
		}
		// "The term of this Lease shall begin on the Effective date, and
		// shall terminate on September 30, 2022": the end, not the making.
		// "deliver … a completed manuscript … by 30 September 2026": a
		// deadline, not the making.
		// "Date(s)/Time(s): Thursday, September 17, 2026 from 10:00 am":
		// an event's schedule, not the making.
		if endCueRe.MatchString(before) || versionCueRe.MatchString(before) || deadlineCueRe.MatchString(before) || scheduleCueRe.MatchString(before) {
			continue
		}
		// "“Last Working Day” shall mean September 25, 2024": a defined
		// date of something else.
		if m := definedDateRe.FindStringSubmatch(before); m != nil && !has(m[1], "agreement", "effective", "execution", "signature", "contract") {
			continue
		}
		if agreementCue.MatchString(before) {
			agreement = d
			break
		}
		if first == nil && d.Day != 0 {
			first = d
		}
	}
	if agreement == nil && first != nil {
		agreement = first
	}
	if agreement == nil {
		for _, m := range placeholderRe.FindAllStringIndex(pre, 8) {
			// "Start Date : {start_date}" is when the work starts, not when
			// the agreement was made.
			if otherDateRe.MatchString(asciiLower(pre[max(0, m[0]-25):m[1]])) {
				continue
			}
			agreement = &Date{Text: pre[m[0]:m[1]], Placeholder: true, Span: Span{Start: m[0], End: m[1]}}
			break
		}
	}
	effective = effectiveDate(s, agreement)
	if effective == nil {
		effective = commencement(s)
	}
	return agreement, effective
}

// otherDateRe marks a template's date field that is not the agreement's
// date: a start, end, expiry or due date.
var otherDateRe = regexp.MustCompile(`\b(start|end|expir\w*|termination|due|payment|delivery|move[ -]?in|birth)[ _]?date`)

var effDefRe = regexp.MustCompile(`["“”]?effective\s+date["“”]?\s*(?:\)|:|shall\s+mean|means|shall\s+be|is|will\s+be)`)

// effectiveDate reads the effective date: a date defined as the
// "Effective Date", or said to be when the agreement takes effect.
func effectiveDate(s *scanner, agreement *Date) *Date {
	for _, sp := range s.hits(6, kwEffective...) {
		sent := s.text[sp.Start:sp.End]
		low := s.lower[sp.Start:sp.End]
		i := strings.Index(low, "effective date")
		if i < 0 {
			i = strings.Index(low, "commencement date")
		}
		dates := findDates(sent, low, sp.Start)
		// "... as of June 1, 2019 (the "Effective Date")": the date just
		// before the defined term.
		if i >= 0 {
			var best *Date
			for k := range dates {
				d := &dates[k]
				if d.Span.End-sp.Start <= i && i-(d.Span.End-sp.Start) < 60 {
					best = d
				}
			}
			if best != nil {
				return best
			}
			// "Effective Date" means June 1, 2019 / Effective Date: [DATE]
			if m := effDefRe.FindStringIndex(low[i:]); m != nil && m[0] < 3 {
				after := i + m[1]
				for k := range dates {
					d := &dates[k]
					if d.Span.Start-sp.Start >= after && d.Span.Start-sp.Start-after < 40 {
						return d
					}
				}
				rest := low[after:min(len(low), after+60)]
				if has(rest, "date first above written", "date first written above", "date hereof", "date of this agreement", "date set forth above", "date first set forth above") && agreement != nil {
					return agreement
				}
				if pm := placeholderRe.FindStringIndex(sent[after:]); pm != nil && pm[0] < 10 {
					return &Date{Text: sent[after+pm[0] : after+pm[1]], Placeholder: true, Span: Span{Start: sp.Start + after + pm[0], End: sp.Start + after + pm[1]}}
				}
			}
		}
		// "effective as of June 1, 2019"
		for _, w := range []string{"effective as of", "effective on", "effective from"} {
			if j := strings.Index(low, w); j >= 0 {
				for k := range dates {
					d := &dates[k]
					if off := d.Span.Start - sp.Start - (j + len(w)); off >= 0 && off < 12 {
						return d
					}
				}
				// "becomes effective on [Effective Date]": a template's field.
				after := j + len(w)
				if pm := placeholderRe.FindStringIndex(sent[after:]); pm != nil && pm[0] < 6 {
					return &Date{Text: sent[after+pm[0] : after+pm[1]], Placeholder: true, Span: Span{Start: sp.Start + after + pm[0], End: sp.Start + after + pm[1]}}
				}
			}
		}
		if len(dates) == 0 {
			if d := indirectEffective(s, sp); d != nil {
				return d
			}
		}
	}
	return nil
}

// commenceRe is a term's start stated with a date after it: "shall be
// for an indefinite period, commencing on March 15, 2024", "The term of
// this Lease shall begin on July 1, 2024".
var commenceRe = regexp.MustCompile(`\b(?:commenc(?:e|es|ing)|begin(?:s|ning)?|start(?:s|ing)?)\s+(?:on|as\s+of)\s+(?:the\s+)?$`)

// commencement reads the effective date from the sentence that starts the
// term, when no date is called the effective date: the date right after
// "commencing on" in a sentence about the agreement's term or the
// employment.
func commencement(s *scanner) *Date {
	for _, sp := range s.hits(6, kwCommence...) {
		low := s.lower[sp.Start:sp.End]
		if !has(low, "this agreement", "the term", "employment", "this lease", "the lease", "tenancy", "engagement", "internship") || has(low, "surviv", "renew", "expir") {
			continue
		}
		sent := s.text[sp.Start:sp.End]
		for _, d := range findDates(sent, low, sp.Start) {
			if d.Day == 0 || d.Year == 0 {
				continue
			}
			if commenceRe.MatchString(low[max(0, d.Span.Start-sp.Start-30) : d.Span.Start-sp.Start]) {
				d := d
				return &d
			}
		}
	}
	return nil
}

// indirectRe matches an effective date defined by an event, not a date:
// "the date of last signature", "the later of the dates shown by the
// signatures below", "the date a fully executed copy ... is received".
var indirectRe = regexp.MustCompile(`(?:the\s+day\s+after\s+)?the\s+(?:date\s+of\s+(?:the\s+)?(?:last|latest|final)\s+signature|(?:last|latest)\s+(?:date\s+of\s+)?signature(?:\s+date)?|date\s+(?:on\s+which\s+)?(?:this\s+agreement\s+(?:is|has\s+been)\s+(?:fully\s+)?(?:signed|executed)|(?:it\s+is\s+)?signed\s+by\s+(?:both|all)\s+(?:the\s+)?parties|a\s+fully\s+executed\s+copy[^.;]{0,60}?(?:received|delivered)[^.;(]{0,40}|of\s+(?:full\s+)?execution(?:\s+of\s+this\s+agreement)?)|later\s+of\s+the\s+(?:two\s+)?dates[^.;(]{0,60})`)

// indirectEffective reads an effective date given as an event ("the date
// of last signature") in the sentence sp: reported as text, without a
// date, since the document does not say which day it is.
func indirectEffective(s *scanner, sp Span) *Date {
	low := s.lower[sp.Start:sp.End]
	i := strings.Index(low, "effective")
	if i < 0 {
		return nil
	}
	// The event follows "effective" or precedes the defined term.
	from, to := i, min(len(low), i+160)
	if j := strings.Index(low, "effective date"); j >= 0 {
		from, to = max(0, j-160), max(to, j)
	}
	m := indirectRe.FindStringIndex(low[from:to])
	if m == nil {
		return nil
	}
	at := sp.Start + from
	text := strings.TrimRight(s.text[at+m[0]:at+m[1]], " ,")
	return &Date{Text: text, Span: Span{Start: at + m[0], End: at + m[0] + len(text)}}
}

var expireRe = regexp.MustCompile(`\b(?:expire|expires|expiring|expiration|terminate|terminates|until|through|ending|end)\b`)

// expiration reads an explicit end date, or notes a perpetual agreement.
func expiration(s *scanner) (*Date, bool) {
	for _, sp := range s.hits(12, kwExpire...) {
		low := s.lower[sp.Start:sp.End]
		if !has(low, "term", "agreement", "lease", "contract") || has(low, "survive") {
			continue
		}
		sent := s.text[sp.Start:sp.End]
		for _, d := range findDates(sent, low, sp.Start) {
			if d.Day == 0 && d.Year == 0 {
				continue
			}
			// The end word must come shortly before the date.
			before := low[max(0, d.Span.Start-sp.Start-60) : d.Span.Start-sp.Start]
			if expireRe.MatchString(before) {
				d := d
				return &d, false
			}
		}
	}
	// No end date: "shall continue in full force and effect until
	// terminated", "until the expiration of the last Royalty Term".
	for _, sp := range s.hits(8, kwPerpetual...) {
		low := s.lower[sp.Start:sp.End]
		if has(low, "license", "licence", "right", "confidential", "surviv") && !has(low, "term of this agreement", "this agreement shall", "this agreement will", "agreement will continue", "agreement shall continue") {
			continue
		}
		if !has(low, "this agreement", "term of", "the term") || !has(low, "continue", "remain", "effective", "end", "valid", "commence", "perpetu") {
			continue
		}
		sent := s.text[sp.Start:sp.End]
		if len(findDates(sent, low, sp.Start)) > 0 {
			continue
		}
		fixed := false
		for _, m := range findDurations(low) {
			if d, ok := durationAt(sent, low, m, sp.Start); ok && d.Unit != "day" && !noticeLike(low, m[0], m[1]) {
				fixed = true
			}
		}
		if !fixed {
			return nil, true
		}
	}
	return nil, false
}

// noticeLike reports whether a duration at [i, j) of low is a notice or
// deadline ("thirty (30) days' prior written notice", "within 30 days")
// rather than a length of term.
func noticeLike(low string, i, j int) bool {
	before := low[max(0, i-30):i]
	after := low[j:min(len(low), j+30)]
	return has(before, "notice", "prior", "within", "at least", "less than", "no later", "not later", "more than", "upon", "least") ||
		has(after, "notice", "prior", "before", "'", "’", "in advance", "after", "following", "from receipt", "of receipt")
}

// termAnchorRe finds wording that states the length of the term: "the
// term of this Agreement shall be", "Initial Term", "shall continue in
// effect for", "shall remain in full force and effect until".
var termAnchorRe = regexp.MustCompile(`\b(?:initial\s+term|term\s+of\s+(?:this|the)\s+(?:agreement|lease|contract)\s+(?:shall|will|is|commences|begins|starts)|(?:the|this|its)\s+term\s+(?:shall|will|is)|for\s+a\s+term\s+of|term\s+of\s+(?:` + numberPattern + `)|(?:shall|will)\s+(?:continue|remain)\s+in\s+(?:full\s+force\s+and\s+)?effect|(?:shall|will)\s+continue\s+(?:for|until)|(?:shall|will)\s+(?:expire|terminate)\s+(?:on\s+the\s+)?(?:date\s+that\s+is\s+)?)`)

// term reads the length of the initial term: a duration that follows
// term wording closely. A term mentioned in passing ("pay, during the term
// of this Agreement, ... one month after the Effective Date") is not one.
func term(s *scanner) *Duration {
	for _, sp := range s.hits(20, kwTerm...) {
		low := s.lower[sp.Start:sp.End]
		if has(low, "renew") && !has(low, "initial term") {
			continue
		}
		if has(low, "confidential", "surviv", "warrant") {
			continue
		}
		// The durations first: termAnchorRe is too large for the
		// backtracker, and most of these sentences have no duration.
		durations := findDurations(low)
		if durations == nil {
			continue
		}
		anchors := termAnchorRe.FindAllStringIndex(low, -1)
		if anchors == nil {
			continue
		}
		sent := s.text[sp.Start:sp.End]
		for _, m := range durations {
			if deadlineLike(low, m[0], m[1]) {
				continue
			}
			near := false
			for _, a := range anchors {
				if a[1] <= m[0] && m[0]-a[1] < 100 {
					near = true
				}
			}
			if !near {
				continue
			}
			if d, ok := durationAt(sent, low, m, sp.Start); ok && d.Unit != "day" || ok && d.Count >= 30 {
				return &d
			}
		}
	}
	return nil
}

// deadlineLike reports whether a duration at [i, j) of low is a notice,
// a deadline or a payment date ("thirty (30) days' prior written notice",
// "within 30 days", "on or before one month after") rather than a length
// of term. Unlike noticeLike it accepts "for five years after the
// Effective Date", which states a term.
func deadlineLike(low string, i, j int) bool {
	before := low[max(0, i-30):i]
	after := low[j:min(len(low), j+30)]
	return has(before, "notice", "prior", "within", "at least", "less than", "no later", "not later", "more than", "upon", "least", "on or before", "by ", "payable", "due") ||
		has(after, "notice", "prior", "before", "'", "’", "in advance", "from receipt", "of receipt")
}

// renewal reads the renewal period and the notice needed to stop it.
func renewal(s *scanner) (*Renewal, *Duration) {
	var r *Renewal
	var notice *Duration
	for _, sp := range s.hits(12, kwRenew...) {
		low := s.lower[sp.Start:sp.End]
		sent := s.text[sp.Start:sp.End]
		at := strings.Index(low, "renew")
		if at < 0 {
			at = strings.Index(low, "extend")
		}
		for _, m := range findDurations(low) {
			d, ok := durationAt(sent, low, m, sp.Start)
			if !ok {
				continue
			}
			if noticeLike(low, m[0], m[1]) {
				// Only advance notice before the term ends stops a renewal;
				// "for one (1) year following the expiration" is the length
				// of a covenant that outlives the term.
				if notice == nil && advanceNotice(low, m[0], m[1]) && (r != nil || has(low, "non-renew", "not to renew", "not renew", "nonrenew", "terminat", "unless", "cancel")) {
					d := d
					notice = &d
				}
				continue
			}
			if r == nil && m[0] > at-80 && has(low, "success", "additional", "further", "subsequent", "renewal term", "renewal period", "renew for", "renewed for", "extended for", "consecutive", "period of") {
				r = &Renewal{Duration: d, Automatic: has(low, "automatic", "unless", "shall renew", "will renew", "shall be renewed", "shall be extended", "will be extended")}
			}
		}
		if r != nil && notice != nil {
			break
		}
	}
	return r, notice
}

// advanceRe is what follows a duration that is advance notice: "days'
// prior written notice", "days prior to the end of the then-current term".
var advanceRe = regexp.MustCompile(`^['’]?s?\s*(?:\(\d+\)\s*)?(?:(?:prior|advance|written|express)\s+)*notice|^['’]?s?\s*(?:\(\d+\)\s*)?(?:(?:prior|before|preceding|in\s+advance\s+of)\s+(?:to\s+)?(?:the\s+|such\s+|its\s+|any\s+|each\s+|that\s+)?(?:end|expir|renewal|anniversary|termination|commencement|then[- ]current|current|last|initial|beginning|start|close|conclusion|scheduled|applicable|relevant|date|automatic|subsequent|next|term|contract|agreement|lease)|(?:prior|before|in\s+advance)\b)`)

// advanceNotice reports whether the duration at [i, j) of low is notice
// given before a date: "ninety (90) days' prior notice", "at least 60
// days before the end of the Term".
func advanceNotice(low string, i, j int) bool {
	return advanceRe.MatchString(low[j:min(len(low), j+80)])
}

var noticeRe = regexp.MustCompile(numberPattern + `[\s-]*(?:\(\d+\)\s*)?(?:calendar\s+|business\s+|working\s+)?(days?|weeks?|months?)(?:['’]s?)?\s*(?:\([\w ]{1,20}\)\s*)?(?:prior\s+|advance\s+|written\s+|prior\s+written\s+|advance\s+written\s+)*notice`)

// noticeStarts is noticeRe tried only where a number begins. The unit
// may be possessive either way: "one month's notice", "30 days' notice".
var noticeStarts = newStartRe(noticeRe)

// noticePeriod reads the notice needed to end the agreement: "either
// party may terminate upon thirty (30) days' written notice".
func noticePeriod(s *scanner) *Duration {
	// A probation's shorter notice ("during the probationary period
	// either party may terminate on one week's notice") comes first in
	// many employment contracts; it is the notice period only when the
	// contract states no other.
	var probation *Duration
	for _, sp := range s.hits(30, kwNotice...) {
		low := s.lower[sp.Start:sp.End]
		if !has(low, "terminat") || has(low, "renew") {
			continue
		}
		sent := s.text[sp.Start:sp.End]
		// Every notice of the sentence is read: "for material breach on
		// thirty (30) days' notice if not cured, or for any reason on
		// ninety (90) days' written notice" ends without cause on the
		// second.
	notices:
		for at := 0; ; {
			m := noticeWindow(low, at)
			if m == nil {
				break
			}
			at = m[1]
			if causeNotice(low, m[0], m[1]) {
				continue
			}
			for _, dm := range findDurations(low[m[0]:m[1]]) {
				for i := range dm {
					dm[i] += m[0]
				}
				if d, ok := durationAt(sent, low, dm, sp.Start); ok {
					start := m[0]
					if start > 0 && sent[start-1] == '[' {
						start-- // "[30] days' notice", as durationAt quotes it
					}
					d.Text = sent[start:m[1]]
					d.Span = Span{Start: sp.Start + start, End: sp.Start + m[1]}
					if has(low, "probation") && !has(low, "after the probation", "after probation", "following the probation", "following probation",
						"completion of the probation", "completion of probation", "once the probation", "end of the probation", "end of probation", "thereafter") {
						if probation == nil {
							probation = &d
						}
						break notices
					}
					return &d
				}
			}
		}
	}
	return probation
}

// causeNotice reports whether the notice at [i, j) of low ends the
// agreement only for a cause, so is no notice to end it without one. A
// breach's cure period: "upon thirty (30) days' written notice ... in the
// event of a material breach ..., provided that such breach is not
// cured", "for material breach upon 30 days' notice". An event's notice:
// "upon 60 days notice for a Change of Control", "In the event that Force
// Majeure has occurred and is continuing for ... six (6) months, the Other
// Party shall have the right to terminate this Agreement upon thirty (30)
// days' notice". Only the clause around the notice is read, so "for any
// reason upon 30 days' notice, or immediately upon a material breach"
// keeps its notice, and a clause that says "without cause" or "for
// convenience" keeps it whatever else it names.
func causeNotice(low string, i, j int) bool {
	before := low[:i]
	if k := strings.LastIndexAny(before, ";:"); k >= 0 {
		before = before[k+1:]
	}
	if k := strings.LastIndex(before, ", or "); k >= 0 {
		before = before[k+5:]
	}
	after := low[j:]
	for _, stop := range []string{";", ", or ", " or ", ", and ", "and/or", ". "} {
		if k := strings.Index(after, stop); k >= 0 {
			after = after[:k]
		}
	}
	// The next item of a list is another ground: "(i) any time upon six
	// (6) months prior notice, (ii) on … the sale …, and/or (iii) if … in
	// material breach".
	if m := listItemRe.FindStringIndex(after); m != nil {
		after = after[:m[0]]
	}
	if has(after+" "+before, "without cause", "for convenience", "any reason", "no reason", "with or without") {
		return false
	}
	// A notice that is a time for something to happen is the breach's
	// cure period too: "unless: (a) the failure ... has been cured within
	// the thirty (30) day notice period; or (b) ... has begun ... to remedy
	// the failure or violation within the thirty (30) day notice period".
	if t := strings.TrimSpace(before); strings.HasSuffix(t, " within") || strings.HasSuffix(t, " within the") || strings.HasSuffix(t, " during the") {
		return true
	}
	return has(after, "breach", "default", "fail to cure", "fails to cure", "failure to cure", "not cured", "not been cured") ||
		has(before, "for breach", "for material breach", "for a breach", "for a material breach", "for cause", "upon breach", "upon a breach", "upon material breach", "upon a material breach", "for default", "upon default") ||
		has(after+" "+before, noticeEvents...)
}

// noticeEvents are the events whose notice is no notice period: a change
// of control or of ownership, force majeure, insolvency, an assignment.
// A bare "assignment", "merger" or "acquisition" is not one: a clause
// names them in passing ("Subject to Section 14 (Assignment), either party
// may terminate upon thirty (30) days' notice").
var noticeEvents = []string{
	"change of control", "change in control", "change of ownership", "change in ownership", "change in the ownership", "ownership change",
	"force majeure", "insolven", "bankrupt", "receivership", "dissolution", "liquidation", "winding up",
	"assigns this agreement", "is assigned",
}

// listItemRe is a list item's mark inside a sentence: "(ii)", "(b)". A
// figure in brackets is not one: "thirty (30) days".
var listItemRe = regexp.MustCompile(`(?:^|[\s,])\((?:[ivx]{1,4}|[a-h])\)\s`)

// lawsOfRe also reads "the laws and decisions of California" and "the
// laws and regulations of Ontario".
var lawsOfRe = regexp.MustCompile(`\b(?:laws?|law)(?:\s+and\s+(?:the\s+)?(?:decisions|regulations|statutes|rules|judicial\s+decisions|court\s+decisions))?\s+(?:in\s+force\s+in\s+|of|in)\s+(?:the\s+)?`)

var lawsOfStarts = newStartRe(lawsOfRe)

// noticeWindow finds noticeRe in low from start on, trying only the text
// just before each "notice".
func noticeWindow(low string, start int) []int {
	for at := start; ; {
		i := strings.Index(low[at:], "notice")
		if i < 0 {
			return nil
		}
		i += at
		// Not before start, where the caller's last notice ends.
		from := max(start, i-70)
		// The unit first: noticeRe is too large for the backtracker, and
		// most notices have no period before them.
		if !has(low[from:i+6], "day", "week", "month") {
			at = i + 6
			continue
		}
		if m := noticeStarts.FindStringIndex(low[from : i+6]); m != nil {
			return []int{from + m[0], from + m[1]}
		}
		at = i + 6
	}
}

// governingLaw reads the law the contract chooses.
func governingLaw(s *scanner) *Jurisdiction {
	for _, sp := range s.hits(20, kwLaw...) {
		low := s.lower[sp.Start:sp.End]
		if !has(low, "govern", "constru", "interpret", "laws of") {
			continue
		}
		sent := s.text[sp.Start:sp.End]
		for _, m := range lawsOfStarts.FindAllStringSubmatchIndex(low, -1) {
			before := low[max(0, m[0]-40):m[0]]
			// "assumes all responsibility for … Income Tax, etc., as
			// governed by the laws of the federal government of the
			// United States": a duty under some law, no choice of law.
			if has(before, "organized", "organised", "incorporated", "existing", "formed", "registered", "as governed by", "as required by") {
				continue
			}
			if !has(low, "govern", "constru", "interpret", "enforced") {
				continue
			}
			rest := sent[m[1]:min(len(sent), m[1]+120)]
			if pm := placeholderRe.FindStringIndex(rest); pm == nil {
				if n := blankLen(rest); n > 0 {
					return &Jurisdiction{Name: rest[:n], Text: rest[:n], Placeholder: true, Span: Span{Start: sp.Start + m[1], End: sp.Start + m[1] + n}}
				}
			}
			if j, ok := ParseJurisdiction(rest); ok {
				if st, ok := usStateAfterCountry(rest, sp.Start+m[1]); ok && j.Code == "US" {
					return &st
				}
				j.Text = strings.TrimSpace(sent[m[0]:min(len(sent), m[1]+len(j.Name)+20)])
				j.Span = Span{Start: sp.Start + m[0], End: sp.Start + min(len(sent), m[1]+len(j.Name)+20)}
				return &j
			}
			if j := coverLaw(s, rest); j != nil {
				return j
			}
		}
		// A cover page's or header's field: "Governing Law: Victoria,
		// Australia", "| Governing Law | {governing_law} |".
		if m := lawLabel(low); m != nil {
			rest, at := sent[m[1]:], sp.Start+m[1]
			if strings.TrimSpace(rest) == "" {
				// A table's label cell: the value is the next cell, on the
				// same line.
				at = sp.End + len(s.text[sp.End:]) - len(strings.TrimLeft(s.text[sp.End:], " \t|*:"))
				rest = s.text[at:min(len(s.text), at+120)]
				if i := strings.IndexByte(rest, '\n'); i >= 0 {
					rest = rest[:i]
				}
				if strings.Contains(s.text[sp.End:at], "\n") {
					rest = ""
				}
			}
			if n := blankLen(rest); n > 0 {
				return &Jurisdiction{Name: rest[:n], Text: rest[:n], Placeholder: true, Span: Span{Start: at, End: at + n}}
			}
			if j, ok := ParseJurisdiction(rest); ok && indexWord(strings.ToLower(rest), strings.ToLower(strings.Split(j.Name, ",")[0])) < 12 {
				if st, ok := usStateAfterCountry(rest, at); ok && j.Code == "US" {
					return &st
				}
				j.Text = strings.TrimSpace(rest)
				j.Span = Span{Start: at, End: at + len(rest)}
				return &j
			}
		}
		// "governed by California law"
		if i := strings.Index(low, "governed by "); i >= 0 && !strings.HasSuffix(low[:i], "as ") {
			rest := sent[i+len("governed by "):]
			if j, ok := ParseJurisdiction(rest); ok && strings.Contains(strings.ToLower(rest[:min(len(rest), 60)]), "law") {
				j.Text = s.clip(sp)
				j.Span = sp
				return &j
			}
		}
	}
	return nil
}

// lawLabelRe is a field label giving the governing law at the start of a
// line: "Governing Law:", "| Governing law |", "Governing Law and
// Jurisdiction -", or a table row read as "Governing Law {governing_law}".
// What follows must be a blank or a place right away (governingLaw checks),
// so a heading over a clause gives nothing.
var lawLabelRe = regexp.MustCompile(`(?m)^[\W_]*governing\s+law(?:\s+and\s+(?:jurisdiction|venue))?[\s*_]*(?:[:|\t]|\s-\s|\s|$)[\s*_|]*`)

// lawLabelAt is lawLabelRe matched only at the start of its input.
var lawLabelAt = regexp.MustCompile(`\A(?:` + lawLabelRe.String() + `)`)

// lawLabel returns lawLabelRe.FindStringIndex(low), trying the expression
// only where a match can start: at the first line start before a
// "governing" with nothing but [\W_] between them. Over a whole sentence
// it cost half of governingLaw.
func lawLabel(low string) []int {
	for at := 0; ; {
		i := strings.Index(low[at:], "governing")
		if i < 0 {
			return nil
		}
		g := at + i
		at = g + 1
		p := g
		for p > 0 && !isAlnum(low[p-1]) {
			p--
		}
		if p > 0 {
			j := strings.IndexByte(low[p:g], '\n')
			if j < 0 {
				continue
			}
			p += j + 1
		}
		if m := lawLabelAt.FindStringIndex(low[p:]); m != nil {
			return []int{p + m[0], p + m[1]}
		}
	}
}

func isAlnum(c byte) bool { return c != '_' && isWordByte(c) }

// coverTermRe is a cover page's term a law clause refers to: "the laws
// of the Governing State", "the laws of the Governing Law Jurisdiction".
var coverTermRe = regexp.MustCompile(`^(?:the )?(` + coverTerm + `)\b`)

// lawRowRe is a cover page's row giving such a term its value:
// "Governing State<tab>The State of Delaware, United States".
var lawRowRe = regexp.MustCompile(`(?m)^(` + coverTerm + `)[\t :|]+(.+)$`)

const coverTerm = `(?:Governing|Chosen) (?:State|Law|Jurisdiction|Country)(?: (?:State|Jurisdiction|Country))?`

// coverLaw reads the governing law from the cover page row a law clause
// refers to: "… the laws of the Governing State" with "Governing State
// <tab> The State of Delaware, United States" in the key terms table (the
// Common Paper forms).
func coverLaw(s *scanner, rest string) *Jurisdiction {
	m := coverTermRe.FindStringSubmatch(rest)
	if m == nil {
		return nil
	}
	for _, r := range lawRowRe.FindAllStringSubmatchIndex(s.text, -1) {
		if s.text[r[2]:r[3]] != m[1] {
			continue
		}
		line := s.text[r[4]:r[5]]
		if j, ok := ParseJurisdiction(strings.TrimPrefix(strings.TrimPrefix(line, "The "), "the ")); ok {
			if st, ok := usStateAfterCountry(line, r[4]); ok && j.Code == "US" {
				return &st
			}
			j.Text = strings.TrimSpace(s.text[r[0]:r[1]])
			j.Span = Span{Start: r[0], End: r[1]}
			return &j
		}
	}
	return nil
}

// blankLen is the length of the template blank s begins with ("[State]",
// "{governing_law}", "{{GOVERNING_STATE}}"), or 0.
func blankLen(s string) int {
	if !strings.HasPrefix(s, "{") && !strings.HasPrefix(s, "[") {
		return 0
	}
	end := strings.IndexAny(s, "}]")
	if end <= 0 {
		return 0
	}
	for end+1 < len(s) && s[end+1] == s[end] {
		end++
	}
	return end + 1
}

// usStateAfterCountry reads the state in "the laws of the United States
// and the State of New York": federal law applies anyway, and the state's
// is the choice the contract makes. rest follows "laws of"; at is its
// offset in the document.
func usStateAfterCountry(rest string, at int) (Jurisdiction, bool) {
	m := usAndStateRe.FindStringIndex(rest)
	if m == nil {
		return Jurisdiction{}, false
	}
	after := rest[m[1]:]
	if strings.HasPrefix(after, "{") || strings.HasPrefix(after, "[") {
		if n := blankLen(after); n > 0 {
			return Jurisdiction{Name: after[:n], Text: after[:n], Placeholder: true,
				Span: Span{Start: at + m[1], End: at + m[1] + n}}, true
		}
		return Jurisdiction{}, false
	}
	j, ok := ParseJurisdiction(after)
	if !ok || !strings.HasPrefix(j.Code, "US-") {
		return Jurisdiction{}, false
	}
	end := min(len(rest), m[1]+len(j.Name))
	j.Text = strings.TrimSpace(rest[m[0]:end])
	j.Span = Span{Start: at + m[0], End: at + end}
	return j, true
}

var usAndStateRe = regexp.MustCompile(`^\s*(?i:the\s+)?(?i:united\s+states(?:\s+of\s+america)?|u\.s\.a?\.?)\s*,?\s*(?i:and|as\s+well\s+as)\s+(?i:(?:of\s+)?the\s+)?(?i:laws\s+of\s+the\s+)?(?i:state|commonwealth)\s+of\s+(?i:the\s+)?`)

// courtsRe reads the place of the courts; "England and Wales" is one
// jurisdiction, not England.
var courtsRe = regexp.MustCompile(`\b(?i:courts?)\b[^.;]{0,80}?\b(?i:located|sitting|situated|seated|in|of|for)\s+(?i:and\s+for\s+)?(?i:the\s+)?((?:(?i:county|city|state|province|borough|district)\s+of\s+)?[A-Z][\w.'-]*(?:[ ,]+(?:of\s+)?[A-Z][\w.'-]*){0,6}(?:\s+and\s+Wales)?)`)

var courtsFieldRe = regexp.MustCompile(`\bcourts?\b[^.;{\[]{0,60}?\b(?:located|sitting|situated|seated|in|of|for)\s+(\{[^{}\n]{1,40}\}|\[[^\[\]\n]{1,40}\])`)

// courtsStarts is courtsRe tried only where "court" occurs, in any case.
var courtsStarts = newStartRe(courtsRe)

// venue reads where disputes must be brought.
func venue(s *scanner) *Venue {
	for _, sp := range s.hits(20, kwVenue...) {
		low := s.lower[sp.Start:sp.End]
		// "the state or federal courts in {jurisdiction}": a template
		// field, shown as one.
		if !strings.ContainsAny(low, "{[") {
			// courtsFieldRe needs a bracketed field.
		} else {
			for _, m := range courtsFieldRe.FindAllStringSubmatchIndex(low, -1) {
				// "Chosen Courts “Governing Law” means the laws of
				// {governing_law}": a heading run into the law's field
				// (as a PDF reads a cover page), not the courts'.
				if strings.Contains(low[m[0]:m[2]], "law") {
					continue
				}
				sent := s.text[sp.Start:sp.End]
				j := Jurisdiction{Name: sent[m[2]:m[3]], Text: sent[m[0]:m[1]], Placeholder: true, Span: Span{Start: sp.Start + m[0], End: sp.Start + m[1]}}
				return &Venue{Place: j, Exclusive: has(low, "exclusive"), Text: s.clip(sp)}
			}
		}
		if !has(low, "court") || !has(low, "jurisdiction", "venue", "submit", "brought", "exclusive") {
			continue
		}
		sent := s.text[sp.Start:sp.End]
		for _, m := range courtsStarts.FindAllStringSubmatchIndex(sent, -1) {
			place := strings.TrimRight(sent[m[2]:m[3]], " ,.")
			j, ok := ParseJurisdiction(place)
			if !ok {
				continue
			}
			j.Name = tidyPlace(place, j)
			j.Text = sent[m[0]:m[1]]
			j.Span = Span{Start: sp.Start + m[0], End: sp.Start + m[1]}
			return &Venue{Place: j, Exclusive: has(low, "exclusive"), Text: s.clip(sp)}
		}
	}
	return nil
}

// tidyPlace keeps a county or city in the venue's name ("Santa Clara
// County, California") and drops trailing words that are not the place.
func tidyPlace(place string, j Jurisdiction) string {
	low := strings.ToLower(place)
	if i := strings.Index(low, "county"); i >= 0 || strings.Contains(low, "city of") {
		for _, w := range []string{" and ", " or ", " for ", " to ", " with "} {
			if k := strings.Index(low, w); k > 0 {
				place = place[:k]
				low = low[:k]
			}
		}
		// "San Francisco County, California, U.S.A. Nothing in this
		// Agreement …": the next sentence's first word is no place. "St.
		// Louis County" keeps its abbreviation.
		for off := 0; ; {
			k := strings.Index(place[off:], ". ")
			if k < 0 {
				break
			}
			k += off
			word := place[strings.LastIndexAny(place[:k], " ,")+1 : k]
			if strings.Contains(word, ".") || len(word) > 3 {
				place = place[:k+1]
				break
			}
			off = k + 2
		}
		return strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(place, "the "), "The "))
	}
	return j.Name
}

var netRe = regexp.MustCompile(`\bnet[\s-]*(\d{1,3})\b`)
var invoiceDaysRe = regexp.MustCompile(`\b(?:within|no\s+later\s+than|not\s+later\s+than|in|than)\s+` + numberPattern + `[\s-]*(?:\(\d+\)\s*)?(?:calendar\s+|business\s+)?days?\b[^.;]{0,40}?\b(?:after|of|from|following|upon)\s+(?:the\s+|its\s+|our\s+|your\s+)?(?:receipt|date|invoice|issuance|delivery\s+of\s+(?:an?\s+|the\s+)?invoice|billing)`)

// paymentTermsRowRe is a schedule's row giving the days to pay: "payment
// terms: 7 days", "payment terms 30 calendar days" (lower-cased), at the
// start of a line: a text file's schedule may run its rows into one line
// ("Payment Terms: 7 days Contractor Notice: 1 week").
var paymentTermsRowRe = regexp.MustCompile(`(?m)^\W*payment\s+terms?\s*[:\-–]?\s*(\d{1,3})\s*(?:calendar\s+|business\s+|working\s+)?days?\b`)

// invoiceDaysStarts is invoiceDaysRe tried only where one of its first
// words may begin.
var invoiceDaysStarts = newStartRe(invoiceDaysRe)

// invoiceObject reports whether the deadline matched at m runs from an
// invoice: "within 30 days of receipt of invoice", not "within three (3)
// business days after its receipt of written notice" (a cure period).
func invoiceObject(low string, m []int) bool {
	match := low[m[0]:m[1]]
	if has(match, "invoice", "billing") {
		return true
	}
	after := low[m[1]:min(len(low), m[1]+50)]
	if i := strings.IndexAny(after, ".;"); i >= 0 {
		after = after[:i]
	}
	if has(after[:min(len(after), 30)], "notice", "notif") {
		return false
	}
	// "Invoices will be paid within 15 days of receipt", "within 75 days
	// after receipt of the goods".
	before := low[max(0, m[0]-60):m[0]]
	return has(after, "invoice", "bill", "statement", " goods", "product", "shipment") || has(before, "invoice")
}

// payment reads the payment deadline (net days) and the fee amount.
func payment(s *scanner) *PaymentTerms {
	var p *PaymentTerms
	for _, sp := range s.hits(40, kwPayment...) {
		low := s.lower[sp.Start:sp.End]
		sent := s.text[sp.Start:sp.End]
		// netRe needs "net", which most sentences lack: a search for it
		// costs less than the backtracker's set-up.
		if !strings.Contains(low, "net") {
		} else if m := netRe.FindStringSubmatchIndex(low); m != nil && has(low, "invoice", "payment", "payable", "pay", "due", "paid") {
			if n, ok := parseNumber(sent[m[2]:m[3]]); ok && n > 0 && n <= 180 {
				p = &PaymentTerms{NetDays: int(n), Text: s.clip(sp), Span: sp}
				break
			}
		}
		if !has(low, "invoice", "payable", "pay", "due", "remit") {
			continue
		}
		if !strings.Contains(low, "day") {
			continue
		}
		if m := invoiceDaysStarts.FindStringSubmatchIndex(low); m != nil && invoiceObject(low, m) {
			if n, ok := parseNumber(low[m[2]:m[3]]); ok && n > 0 && n <= 365 {
				p = &PaymentTerms{NetDays: int(n), Text: s.clip(sp), Span: sp}
				break
			}
		}
	}
	// A schedule's row, "Payment Terms: 7 days" (a UK agency's placement
	// terms): often the last page, after more sentences about payment
	// than the search above reads.
	if p == nil && strings.Contains(s.lower, "payment term") {
		if m := paymentTermsRowRe.FindStringSubmatchIndex(s.lower); m != nil {
			if n, ok := parseNumber(s.lower[m[2]:m[3]]); ok && n > 0 && n <= 180 {
				sp := Span{Start: m[0], End: m[1]}
				p = &PaymentTerms{NetDays: int(n), Text: s.clip(sp), Span: sp}
			}
		}
	}
	// The amount: a price list's total ("Total Contract Amount:
	// $15,326.95"), else the first sum in a sentence about fees or pay.
	for _, sp := range s.hits(10, kwTotal...) {
		low := s.lower[sp.Start:sp.End]
		if !totalLineRe.MatchString(low) {
			continue
		}
		if money := findMoney(s.text[sp.Start:sp.End], low, sp.Start, s.dollar); len(money) > 0 {
			if p == nil {
				p = &PaymentTerms{Text: s.clip(sp), Span: sp}
			}
			p.Amount, p.Currency = money[0].Amount, money[0].Currency
			return p
		}
	}
	if sp, m, ok := tableTotal(s); ok {
		if p == nil {
			p = &PaymentTerms{Text: s.clip(sp), Span: sp}
		}
		p.Amount, p.Currency = m.Amount, m.Currency
		return p
	}
	sp, m, b, ok := principal(s)
	if !ok {
		sp, m, b, ok = namedPrice(s)
	}
	if ok {
		if p == nil {
			p = &PaymentTerms{Text: s.clip(sp), Span: sp}
		}
		p.Amount, p.Currency, p.AmountBlank = m.Amount, m.Currency, b.Text
		if b.Text != "" {
			p.Currency = b.Currency
		}
		return p
	}
	for _, sp := range s.hits(30, kwFee...) {
		low := s.lower[sp.Start:sp.End]
		if has(low, "liabil", "insurance", "late", "interest", "deposit", "penalt", "damages") {
			continue
		}
		money := findMoney(s.text[sp.Start:sp.End], low, sp.Start, s.dollar)
		var blank AmountBlank
		if len(money) == 0 {
			// A template's price left blank ("rent in the amount of
			// [Monthly Rent]") is the price to fill in, not a reason to
			// take a later sum (a pet fee) for it.
			var ok bool
			if blank, ok = findAmountBlank(s.text[sp.Start:sp.End], sp.Start, s.dollar); !ok || !has(low, priceWords...) {
				continue
			}
		}
		// Not the price: a worked example ("if your membership fee is
		// £60"), a card processing fee, money paid back ("return all
		// payments … except $500"), the balance a payout waits for
		// ("until the outstanding amount owed to you exceeds $100"), the
		// sum above which a tax form is filed ("If services result in
		// payment to model of $600.00 or more, model will receive a 1099").
		// Asked only of a sentence with a sum.
		if has(low, "example", "e.g.", "processing fee", "repay", "return all", "return any", "refund you", "refund to", "refund of", "refunds of", "will refund", "shall refund", "be refunded", "threshold", "minimum payout", "1099", "tax form") ||
			has(low, "balance", "owed to you") && has(low, "reach", "exceed", "at least", "+", "below", "less than", "minimum") {
			continue
		}
		if p == nil {
			if len(money) > 0 {
				sp = feeClause(s, sp, money[0])
			}
			p = &PaymentTerms{Text: s.clip(sp), Span: sp}
		}
		if len(money) == 0 {
			p.AmountBlank, p.Currency = blank.Text, blank.Currency
			break
		}
		p.Amount, p.Currency = money[0].Amount, money[0].Currency
		break
	}
	return p
}

// feeClause narrows the sentence sp to the clause that states the sum m,
// when the sum stands too far into a long sentence for a key term's
// shortened text to show it: "As consideration in full for the rights
// granted herein, Licensee shall pay Licensor a one-time fee in the
// amount of two thousand five hundred dollars ($2,500.00) upon execution
// of this Agreement, payable as follows: …" is shown as the clause from
// "Licensee shall pay" to "this Agreement". The clause runs between
// commas, semicolons or colons outside brackets, and back over earlier
// ones until it says who pays or what the sum is ("a one-time,
// non-refundable amount of …" goes back to "shall pay"); a clause after
// it that says when the sum is paid stays with it ("…, which will be
// paid immediately upon completion of copyedits").
func feeClause(s *scanner, sp Span, m Money) Span {
	if m.Span.Start < sp.Start || m.Span.End > sp.End || m.Span.End-sp.Start <= 110 {
		return sp
	}
	text := s.text[sp.Start:sp.End]
	at, end := m.Span.Start-sp.Start, m.Span.End-sp.Start
	// The clause boundaries: each one's end (where the next clause starts).
	var cuts []int
	depth := 0
	for i := 0; i+1 < len(text); i++ {
		switch c := text[i]; c {
		case '(', '[':
			depth++
		case ')', ']':
			depth = max(0, depth-1)
		case ',', ';', ':':
			// "1, 500 square feet" is a figure, not two clauses.
			if depth == 0 && text[i+1] == ' ' && !(c == ',' && i > 0 && isDigit(text[i-1]) && i+2 < len(text) && isDigit(text[i+2])) {
				cuts = append(cuts, i)
			}
		}
	}
	start, stop := 0, len(text)
	for _, c := range cuts {
		if c < at {
			start = c + 2
		} else if c >= end && c < stop {
			stop = c
		}
	}
	// … and back over a disjunct's "or will be paid, to any person".
	for start > 0 && (!feeClauseRe.MatchString(text[start:stop]) || strings.HasPrefix(s.lower[sp.Start+start:], "or ")) {
		prev := 0
		for _, c := range cuts {
			if c+2 < start {
				prev = c + 2
			}
		}
		start = prev
	}
	if start == 0 {
		return sp // the sentence's opening states the fee: it stays whole
	}
	low := s.lower[sp.Start+stop : sp.End]
	for _, when := range []string{", which will be paid", ", which shall be paid", ", which is payable", ", payable within", ", payable on", ", payable upon", ", due on", ", due within", ", due upon"} {
		if strings.HasPrefix(low, when) {
			next := len(text)
			for _, c := range cuts {
				if c > stop && c < next && text[c] != ',' {
					next = c
				}
			}
			stop = next
			break
		}
	}
	return Span{Start: sp.Start + start, End: sp.Start + stop}
}

// feeClauseRe is what makes a clause state a fee: who pays or receives
// it, or the fee named.
var feeClauseRe = regexp.MustCompile(`(?i)\b(?:pay|pays|paid|receive|receives|charge|charges|fee|compensation|entitled)\b`)

// namedPrice reads the price a lease or an employment contract names: the
// rent or the salary, with its sum (or the template's blank for it) right
// after the word: "Monthly rent: {{MONTHLY_RENT}}", "a basic salary of
// £448,903". It is asked only of a text about a tenancy or employment, as
// "rent" and "salary" elsewhere are mostly other things ("shall not rent,
// lease or loan the Software", "excluding base salary").
func namedPrice(s *scanner) (Span, Money, AmountBlank, bool) {
	for _, kw := range []struct {
		word   string
		anchor []string
		about  []string
	}{
		{"rent", kwRent, []string{"tenant", "landlord", "lessee", "lodger", "tenancy"}},
		{"salary", kwSalary, []string{"employee", "employer", "employment", "executive"}},
	} {
		// The price is looked for first and the text searched for the
		// tenancy's or employment's words only once one is found: most
		// contracts have no rent or salary, and those searches of the
		// whole text cost more than the rest of payment. The first price
		// of a text that is about neither is no price, as before.
		sp, m, b, ok := namedPriceOf(s, kw.word, kw.anchor)
		if ok && has(s.lower, kw.about...) {
			return sp, m, b, true
		}
	}
	return Span{}, Money{}, AmountBlank{}, false
}

// namedPriceOf returns the first sum (or blank for one) right after word
// in the sentences the word index gives for anchor.
func namedPriceOf(s *scanner, word string, anchor []string) (Span, Money, AmountBlank, bool) {
	for _, sp := range s.hits(10, anchor...) {
		low := s.lower[sp.Start:sp.End]
		if has(low, "late", "deposit", "interest", "holdover", "hold over", "excluding", "exceed", "increase", "abate", "prorat", "pro rata", "additional") {
			continue
		}
		sent := s.text[sp.Start:sp.End]
		for at := 0; ; {
			i := indexWord(low[at:], word)
			if i < 0 {
				i = strings.Index(low[at:], word+"al amount") // "Base Rental Amount(s):"
			}
			if i < 0 {
				break
			}
			i += at
			at = i + len(word)
			window := min(len(sent), at+60)
			if money := findMoney(sent[at:window], low[at:window], sp.Start+at, s.dollar); len(money) > 0 {
				return sp, money[0], AmountBlank{}, true
			}
			if b, ok := findAmountBlank(sent[at:window], sp.Start+at, s.dollar); ok {
				return sp, Money{}, b, true
			}
			// A table's label cell ("| Base Salary | $148,000 per year |"
			// in an offer letter's cover terms) is a sentence of its own:
			// the sum is in the next cell, on the same line.
			if strings.Trim(sent[at:], " \t*_:|") == "" {
				if end, money := cellMoney(s, sp.End); len(money) > 0 {
					return Span{Start: sp.Start, End: end}, money[0], AmountBlank{}, true
				}
			}
		}
	}
	return Span{}, Money{}, AmountBlank{}, false
}

// cellMoney returns the sums of the next cell of a table row after byte
// end (a label cell's: "Base Salary", "Tenancy Deposit") and where that
// cell ends; none when no cell follows.
func cellMoney(s *scanner, end int) (int, []Money) {
	cell, ok := nextCell(s, end)
	if !ok {
		return end, nil
	}
	return cell.End, findMoney(s.text[cell.Start:cell.End], s.lower[cell.Start:cell.End], cell.Start, s.dollar)
}

// nextCell returns the rest of the line after byte end, up to 200 bytes,
// when only a tab, spaces or a table's bar divide it from end: the next
// cell of a table row.
func nextCell(s *scanner, end int) (Span, bool) {
	i := end
	for i < len(s.text) && (s.text[i] == ' ' || s.text[i] == '\t' || s.text[i] == '|' || s.text[i] == '*') {
		i++
	}
	if i == end || i >= len(s.text) || !strings.ContainsAny(s.text[end:i], "\t|") {
		return Span{}, false
	}
	stop := min(len(s.text), i+200)
	if nl := strings.IndexByte(s.text[i:stop], '\n'); nl >= 0 {
		stop = i + nl
	}
	return Span{Start: i, End: stop}, stop > i
}

// priceWords say that a sentence with a blank sets a price.
var priceWords = []string{"fee", "rent", "price", "pay", "compensat", "salary", "rate", "cost", "amount", "sum"}

// totalLineRe is a line that gives the whole price: "Total Contract
// Amount:", "**Total fee** |", a statement of work's lettered row "a.
// Total Fee and currency: 4,500 USD".
var totalLineRe = regexp.MustCompile(`^[\W_]*(?:(?:\d{1,2}|[a-h])[.)]\s+)?total\s+(?:contract\s+|project\s+|package\s+|engagement\s+)?(?:amount|price|fees?|cost|compensation|investment)(?:\s+and\s+currency)?\W*(?:[:|]|is\b)`)

// currencyColumnWords head a price table's column that gives its
// currency in brackets: "Amount (MAD)", "Price (EUR)".
var currencyColumnWords = []string{"amount", "price", "total", "cost"}

// currencyColumns returns, for up to four such headings, the offset just
// after the heading and the currency code. A search for "(" costs less
// than a regular expression over the whole text.
func currencyColumns(s *scanner) [][2]int {
	var out [][2]int
	for at := 0; len(out) < 4; {
		i := strings.IndexByte(s.text[at:], '(')
		if i < 0 {
			break
		}
		i += at
		at = i + 1
		if i+5 > len(s.text) || s.text[i+4] != ')' || !isUpperCode(s.text[i+1:i+4]) {
			continue
		}
		before := strings.TrimRight(s.lower[max(0, i-8):i], " ")
		for _, w := range currencyColumnWords {
			if strings.HasSuffix(before, w) {
				out = append(out, [2]int{i + 5, i + 1})
				break
			}
		}
	}
	return out
}

func isUpperCode(c string) bool {
	for i := 0; i < len(c); i++ {
		if c[i] < 'A' || c[i] > 'Z' {
			return false
		}
	}
	return true
}

// tableTotalRe is the total row under such a heading, its figure bare:
// "Grand Total\t1,600.00", "| **Total** | 1,600.00 |".
var tableTotalRe = regexp.MustCompile(`(?m)^[\W_]*(?:grand\s+)?total[\W_]*[\t|][\s|*]*(\d{1,3}(?:,\d{3})+(?:\.\d{2})?|\d+(?:\.\d{2})?)[\s|*]*$`)

// tableTotal reads the total of a price table whose figures are bare
// because the column's heading gives the currency ("Amount (MAD)" over
// "Grand Total 1,600.00"). The total must come within a few rows of the
// heading.
func tableTotal(s *scanner) (Span, Money, bool) {
	for _, h := range currencyColumns(s) {
		after, code := h[0], s.text[h[1]:h[1]+3]
		end := min(len(s.text), after+600)
		if !strings.Contains(s.lower[after:end], "total") {
			continue
		}
		m := tableTotalRe.FindStringSubmatchIndex(s.lower[after:end])
		if m == nil {
			continue
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(s.lower[after+m[2]:after+m[3]], ",", ""), 64)
		if err != nil || v <= 0 {
			continue
		}
		sp := Span{Start: after + m[0], End: after + m[1]}
		return sp, Money{Text: s.text[after+m[2] : after+m[3]], Amount: v, Currency: code, Span: sp}, true
	}
	return Span{}, Money{}, false
}

var perRe = regexp.MustCompile(`\b(per\s+month|a\s+month|each\s+month|monthly|per\s+mensem|per\s+annum|per\s+year|a\s+year|annual|annually|yearly|per\s+day|a\s+day|daily|per\s+week|weekly)\b`)

// perAfterRe is a period right after a rate: "5% per month", "(5%) a year".
var perAfterRe = regexp.MustCompile(`^[\s)]{0,3}(\(\s*[\d.]+\s*%\s*\)\s*)?(per\s+(calendar\s+)?(month|annum|year|day|week)|a\s+(month|year|day|week)|each\s+(month|day|week)|monthly|per\s+mensem|annually|yearly|daily|weekly)\b`)

// lateFee reads interest or a fee charged on late payment.
func lateFee(s *scanner) *LateFee {
	for _, sp := range s.hits(20, kwLate...) {
		low := s.lower[sp.Start:sp.End]
		if !has(low, "late", "overdue", "past due", "unpaid", "not paid", "delinquent", "when due", "after the due") || !has(low, "%", "percent", "$", "€", "£", "fee", "charge") {
			continue
		}
		if !has(low, "pay", "invoice", "amount", "rent", "sum", "balance", "fee", "owe", "due") ||
			!has(low, "interest", "late fee", "late charge", "late payment", "finance charge", "service charge", "administrative fee") {
			continue
		}
		sent := s.text[sp.Start:sp.End]
		f := &LateFee{Text: s.clip(sp), Span: sp}
		if v, pm, ok := findPercent(low); ok && v > 0 && v < 100 {
			// "3% above the Bank of England base rate" is a margin over a
			// rate that moves: no yearly rate to compare with the market.
			if i := strings.Index(low, pm); i >= 0 && overBaseRe.MatchString(low[i+len(pm):]) {
				return f
			}
			f.RatePercent = v
			m := perRe.FindString(low)
			if !has(low, "interest", "finance charge", "rate") {
				// A fee, not interest or a rate: "a late payment fee of 5% will be
				// incurred", "5% of the overdue amount" is charged once;
				// only "5% per month" right after the rate recurs ("on
				// the 1st of each month" says when rent is due).
				m = ""
				if i := strings.Index(low, pm); i >= 0 {
					m = perAfterRe.FindString(low[i+len(pm):])
				}
				if m == "" {
					f.Per = "once"
				}
			}
			if m != "" {
				switch {
				case has(m, "month", "mensem"):
					f.Per = "month"
				case has(m, "annum", "year", "annual"):
					f.Per = "year"
				case has(m, "day", "daily"):
					f.Per = "day"
				case has(m, "week"):
					f.Per = "week"
				}
			}
			return f
		}
		if money := findMoney(sent, low, sp.Start, s.dollar); len(money) > 0 && has(low, "late fee", "late charge", "late payment fee", "late payment charge", "administrative fee", "fee of") {
			f.Amount, f.Currency = money[0].Amount, money[0].Currency
			// "$10.00 per day after the due date"
			if after := strings.TrimLeft(low[money[0].Span.End-sp.Start:], " "); strings.HasPrefix(after, "per day") || strings.HasPrefix(after, "a day") {
				f.Per = "day"
			}
			return f
		}
	}
	return nil
}

// overBaseRe follows a rate that is a margin over a base or reference
// rate: "above the Bank of England base rate", "over the prime rate".
var overBaseRe = regexp.MustCompile(`^\W{0,3}\s*(?:per\s*cent\s+|percent\s+)?(?:above|over)\s+(?:the\s+)?(?:[a-z']+\s+){0,4}(?:base|prime|reference|bank|sofr|libor|euribor)\b`)

var timesRe = regexp.MustCompile(`\b(` + numberPattern + `\s*(?:times|x)|twice|double|triple|(\d+(?:\.\d+)?)\s*%\s+of)\b`)
var feesMonthsRe = regexp.MustCompile(`\b(?:preceding|prior|previous|immediately\s+preceding|last|during\s+the|in\s+the)\s+` + numberPattern + `[\s-]*(?:\(\d+\)\s*)?(months?|years?)`)

// liabilityCap reads the ceiling on liability.
func liabilityCap(s *scanner) *LiabilityCap {
	for _, sp := range s.hits(30, kwLiability...) {
		low := s.lower[sp.Start:sp.End]
		// "including, without limitation, reasonable attorneys' fees" and
		// "including but not limited to" in an indemnity cap nothing.
		clean := low
		if strings.Contains(low, "limit") {
			// Most such sentences hold no list introduction: a search
			// from its first words finds none before the whole sentence
			// is rewritten.
			if listIntroStarts.FindStringIndex(low) != nil {
				clean = listIntroRe.ReplaceAllString(low, "")
			}
		}
		// "limit" first: most such sentences have it, and then the seven
		// capWords need no search.
		if !has(clean, "limit", "cap") && !has(clean, capWords...) {
			continue
		}
		// An indemnity or a contribution clause "subject to the limitations
		// set forth in Section 9" refers to a cap; it sets none.
		if has(low, "indemnif", "contribut") && !has(clean, capWords...) {
			continue
		}
		if has(low, "insurance", "policy limit", "policies", "limits of liability of not less than") {
			continue
		}
		// A ceiling is said in the negative ("shall not exceed", "in no
		// event … exceed"): "to the extent that any amount of taxes paid
		// … shall exceed the amounts payable by the Agency …, the
		// Consultancy shall indemnify the Agency" (a UK agency's
		// contractor terms) caps nothing.
		if !has(clean, "limit", "cap", "limited to", "maximum", "aggregate") && !negatedExceed(clean) {
			continue
		}
		sent := s.text[sp.Start:sp.End]
		c := &LiabilityCap{Text: s.clip(sp), Span: sp}
		if has(low, "fees", "amounts paid", "amount paid", "amounts actually paid", "charges paid", "price paid", "payable", "compensation paid", "sums paid") {
			c.FeesMultiple = 1
			if m := timesRe.FindStringSubmatchIndex(low); m != nil {
				w := low[m[2]:m[3]]
				switch {
				case strings.HasPrefix(w, "twice"), strings.HasPrefix(w, "double"):
					c.FeesMultiple = 2
				case strings.HasPrefix(w, "triple"):
					c.FeesMultiple = 3
				case strings.Contains(w, "%"):
					if v, ok := parseNumber(strings.TrimSuffix(strings.TrimSpace(strings.TrimSuffix(w, "of")), "%")); ok {
						c.FeesMultiple = v / 100
					}
				default:
					if v, ok := parseNumber(low[m[4]:m[5]]); ok && v > 0 {
						c.FeesMultiple = v
					}
				}
			}
			// Cheap tests before the expressions with numberPattern, which
			// are too large for the backtracker: their unit words.
			if !has(low, "month", "year") {
				// feesMonthsRe cannot match.
			} else if m := feesMonthsRe.FindStringSubmatchIndex(low); m != nil {
				if v, ok := parseNumber(low[m[2]:m[3]]); ok && v > 0 {
					if strings.HasPrefix(low[m[4]:m[5]], "year") {
						v *= 12
					}
					c.FeesMonths = v
				}
			}
		}
		if money := findMoney(sent, low, sp.Start, s.dollar); len(money) > 0 {
			c.Amount, c.Currency = money[0].Amount, money[0].Currency
		}
		if c.Amount > 0 || c.FeesMultiple > 0 {
			return c
		}
	}
	return nil
}

// negatedExceed reports whether low says that something shall not go
// above a sum: one of the comparing capWords ("exceed", "greater than",
// "in excess of", "more than") with a negation in the few words before it.
func negatedExceed(low string) bool {
	for _, w := range []string{"exceed", "greater than", "in excess of", "more than"} {
		for at := 0; ; {
			i := strings.Index(low[at:], w)
			if i < 0 {
				break
			}
			i += at
			if before := " " + low[max(0, i-40):i]; has(before, " not ", " no ", "never", "n't ", " neither ", " nor ") || has(low[:i], "in no event", "under no circumstances") {
				return true
			}
			at = i + len(w)
		}
	}
	return false
}

// capWords say that a liability has a ceiling.
var capWords = []string{"exceed", "limited to", "greater than", "in excess of", "maximum", "aggregate", "more than"}

// listIntroRe matches the phrases that introduce a list rather than limit
// anything.
var listIntroRe = regexp.MustCompile(`\b(?:without\s+limitation|without\s+limiting|(?:but\s+)?not\s+limited\s+to)\b`)

var listIntroStarts = newStartRe(listIntroRe)

var milesRe = regexp.MustCompile(`\b` + numberPattern + `\s*(?:\(\d+\)\s*)?(?:-\s*)?(miles?|kilometers?|kilometres?|km)\b`)
var areaRe = regexp.MustCompile(`(?i)\b(anywhere in the world|throughout the world|worldwide|world-wide|(?:within|in|throughout)\s+(?:the\s+)?(?:territory|united states(?: of america)?|north america|europe|european union|united kingdom|state of [a-z]+|[A-Z][a-z]+ County))\b`)

// areaWords are strings one of which every areaRe match holds, lower
// case: the expression runs only on the sentences that have one.
// ("ingdom" and "tate of", as (?i) reads the Kelvin sign as a k and the
// long s as an s.)
var areaWords = []string{"world", "territory", "united", "america", "europe", "ingdom", "tate of", "county"}

// solicitOnlyRe matches a non-solicitation whose only competing thing is
// what the customers are solicited to buy: "shall not directly solicit the
// Company's existing clients to use competing translation services".
var solicitOnlyRe = regexp.MustCompile(`\bnot (?:\w+ ){0,3}(?:solicit|entic|induc|divert|persuad)\w*\b[^.;]{0,80}\b(?:customers?|clients?|accounts?)\b[^.;]{0,60}?\b(?:to (?:use|purchase|buy|obtain|order|switch to)|for) (?:any )?(?:\w+ ){0,2}compet`)

// nonCompete reads the duration and area of a covenant not to compete.
func nonCompete(s *scanner) *NonCompete {
	for _, sp := range s.hits(20, kwCompete...) {
		low := s.lower[sp.Start:sp.End]
		if !has(low, "not", "refrain", "non-compet", "noncompet") || has(low, "competitive bid", "competitor's", "competent") && !has(low, "shall not") {
			continue
		}
		if !has(low, "engage", "compete with", "competing", "competitive", "non-compet", "noncompet", "competes") {
			continue
		}
		if has(low, "solicit", "entic", "induc", "divert", "persuad") && solicitOnlyRe.MatchString(low) {
			continue
		}
		sent := s.text[sp.Start:sp.End]
		n := &NonCompete{Text: s.clip(sp), Span: sp}
		for _, m := range findDurations(low) {
			d, ok := durationAt(sent, low, m, sp.Start)
			if !ok || d.Unit == "day" && d.Count < 30 {
				continue
			}
			after := low[m[1]:min(len(low), m[1]+60)]
			before := low[max(0, m[0]-40):m[0]]
			if has(after, "after", "following", "from", "thereafter", "termination", "post") || has(before, "period of", "during", "for") {
				n.Months = d.Days / 30
				if d.Months > 0 {
					n.Months = d.Months
				}
				break
			}
		}
		var miles []int
		if has(low, "mile", "kilomet", "km") { // else milesRe cannot match
			miles = milesRe.FindStringSubmatchIndex(low)
		}
		if m := miles; m != nil {
			if v, ok := parseNumber(low[m[2]:m[3]]); ok {
				if strings.HasPrefix(low[m[4]:m[5]], "k") {
					v *= 0.621371
				}
				n.Miles = v
				n.Area = sent[m[0]:min(len(sent), m[1]+40)]
				if i := strings.IndexAny(n.Area[m[1]-m[0]:], ",;."); i >= 0 {
					n.Area = n.Area[:m[1]-m[0]+i]
				}
			}
		} else if !has(low, areaWords...) {
		} else if m := areaRe.FindString(sent); m != "" {
			n.Area = m
		}
		if n.Months > 0 || n.Area != "" {
			return n
		}
	}
	return nil
}

// thresholdRe ends just before a sum that is a threshold.
var thresholdRe = regexp.MustCompile(`\b(?:greater|more|less|higher|lower)\s+than\s*$|\b(?:exceeds?|exceeding|in\s+excess\s+of|above|below)\s*$`)

var rentMultipleRe = regexp.MustCompile(numberPattern + `\s*(?:\(\d+\)\s*)?(weeks?|months?)['’]?s?\s+(?:of\s+)?(?:the\s+)?(?:monthly\s+|weekly\s+)?rent`)

// deposit reads a lease's security deposit.
func deposit(s *scanner) *Deposit {
	for _, sp := range s.hits(12, kwDeposit...) {
		low := s.lower[sp.Start:sp.End]
		if !has(low, "rent", "security deposit", "tenant", "tenancy", "lease") {
			continue
		}
		sent := s.text[sp.Start:sp.End]
		money := findMoney(sent, low, sp.Start, s.dollar)
		// A table's label cell ("|Tenancy Deposit|£ 150.00|" on a UK
		// tenancy's first page): the sum is in the next cell of the row.
		if len(money) == 0 && strings.Trim(low[strings.LastIndex(low, "deposit")+len("deposit"):], " \t*_:|") == "" {
			if end, m := cellMoney(s, sp.End); len(m) > 0 {
				money, sp.End = m, end
				sent, low = s.text[sp.Start:sp.End], s.lower[sp.Start:sp.End]
			}
		}
		d := &Deposit{Text: s.clip(sp), Span: sp}
		if len(money) > 0 {
			// The amount after "deposit", not the rent or fee named first:
			// "The rental fee is $1,800, payable as a deposit of $500".
			m := money[0]
			if at := strings.Index(low, "deposit"); at >= 0 {
				for _, x := range money {
					if x.Span.Start-sp.Start > at {
						m = x
						break
					}
				}
			}
			// "six weeks' rent if the annual rent on the property is
			// greater than £50,000": a threshold, not the deposit.
			if !thresholdRe.MatchString(low[max(0, m.Span.Start-sp.Start-25) : m.Span.Start-sp.Start]) {
				d.Amount, d.Currency = m.Amount, m.Currency
			}
		}
		if !has(low, "week", "month") || !strings.Contains(low, "rent") {
			// rentMultipleRe cannot match.
		} else if m := rentMultipleRe.FindStringSubmatchIndex(low); m != nil {
			if v, ok := parseNumber(low[m[2]:m[3]]); ok && v > 0 {
				if strings.HasPrefix(low[m[4]:m[5]], "week") {
					v = v * 12 / 52
				}
				d.MonthsOfRent = v
			}
		}
		if d.Amount == 0 && d.MonthsOfRent == 0 {
			// "a security deposit of {{SECURITY_DEPOSIT}}": the amount to
			// fill in, read after "deposit".
			at := max(0, strings.Index(low, "deposit"))
			if b, ok := findAmountBlank(sent[at:], sp.Start+at, s.dollar); ok {
				d.AmountBlank, d.Currency = b.Text, b.Currency
			}
		}
		if d.Amount > 0 || d.MonthsOfRent > 0 || d.AmountBlank != "" {
			return d
		}
	}
	return nil
}
