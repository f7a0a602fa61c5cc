package model

import "math/bits"

// Legal cue features. Contract wording says the same thing many ways
// ("may modify", "reserves the right to amend", "can change ... from time to
// time"); a linear model over words learns each spelling apart and cannot
// see that a change verb and the terms being changed occur together. Cues
// map word stems to a few dozen legal-domain classes and add, for a sentence,
// every class it contains, every pair of classes it contains, and every
// class inside a negation scope ("without notice"). The stems are written
// for raw text and the corpus alike (both arrive here as Tokens output).

// cue is a legal-domain word class.
type cue uint8

const (
	cueArb cue = iota
	cueClass
	cueJury
	cueWaive
	cueGovern
	cueLaw
	cueCourt
	cueJuris
	cuePlace
	cueChange
	cueTerms
	cueTime
	cueNotice
	cueDiscretion
	cueTerminate
	cueAccount
	cueRemove
	cueContent
	cueLiable
	cueDamages
	cueWarranty
	cueExtent
	cueCap
	cueUsing
	cueAgree
	cueDispute
	cueMay
	cueReserve
	cueWe
	cueYou
	cueReason
	cueEffective
	numCues
)

// cueStems maps a word stem to its class; a token has the class of the
// longest stem it starts with. Stems shorter than four bytes match whole
// words only.
var cueStems = map[string]cue{
	"arbitra": cueArb, "jams": cueArb, "aaa": cueArb, "adr": cueArb, "mediat": cueArb,
	"class": cueClass, "collective": cueClass, "representative": cueClass, "consolidat": cueClass,
	"jury": cueJury, "juries": cueJury, "trial": cueJury, "small": cueJury,
	"waive": cueWaive, "waiv": cueWaive, "forgo": cueWaive, "relinquish": cueWaive,
	"govern": cueGovern, "construe": cueGovern, "construct": cueGovern, "interpret": cueGovern, "conflict": cueGovern,
	"law": cueLaw, "laws": cueLaw, "legislation": cueLaw, "statut": cueLaw,
	"court": cueCourt, "tribunal": cueCourt, "judge": cueCourt, "judicial": cueCourt,
	"jurisdiction": cueJuris, "venue": cueJuris, "forum": cueJuris, "submit": cueJuris, "exclusive": cueJuris, "competent": cueJuris, "personal": cueJuris,
	"california": cuePlace, "delaware": cuePlace, "york": cuePlace, "texas": cuePlace, "washington": cuePlace,
	"massachusetts": cuePlace, "ireland": cuePlace, "irish": cuePlace, "england": cuePlace, "wales": cuePlace,
	"english": cuePlace, "germany": cuePlace, "german": cuePlace, "france": cuePlace, "french": cuePlace,
	"sweden": cuePlace, "swedish": cuePlace, "netherlands": cuePlace, "dutch": cuePlace, "luxembourg": cuePlace,
	"switzerland": cuePlace, "swiss": cuePlace, "canada": cuePlace, "ontario": cuePlace, "israel": cuePlace,
	"singapore": cuePlace, "japan": cuePlace, "australia": cuePlace, "county": cuePlace, "state": cuePlace,
	"states": cuePlace, "federal": cuePlace, "san": cuePlace, "santa": cuePlace, "clara": cuePlace, "francisco": cuePlace,
	"dublin": cuePlace, "london": cuePlace, "country": cuePlace, "residence": cuePlace, "reside": cuePlace,
	"modif": cueChange, "amend": cueChange, "chang": cueChange, "revis": cueChange, "updat": cueChange,
	"alter": cueChange, "replac": cueChange, "supplement": cueChange, "add": cueChange, "edit": cueRemove,
	"terms": cueTerms, "agreement": cueTerms, "polic": cueTerms, "conditions": cueTerms, "eula": cueTerms, "provisions": cueTerms, "tos": cueTerms,
	"time": cueTime, "anytime": cueTime, "periodically": cueTime, "occasionally": cueTime,
	"notice": cueNotice, "notif": cueNotice, "inform": cueNotice, "announc": cueNotice, "email": cueNotice, "<email>": cueNotice, "post": cueContent,
	"discretion": cueDiscretion, "sole": cueDiscretion, "absolute": cueDiscretion, "unilateral": cueDiscretion, "deem": cueDiscretion, "appropriate": cueDiscretion,
	"terminat": cueTerminate, "suspen": cueTerminate, "discontinu": cueTerminate, "disabl": cueTerminate,
	"deactivat": cueTerminate, "cancel": cueTerminate, "ban": cueTerminate, "banned": cueTerminate, "block": cueTerminate,
	"restrict": cueTerminate, "revok": cueTerminate, "revoc": cueTerminate, "cease": cueTerminate, "deny": cueTerminate, "limit": cueCap,
	"account": cueAccount, "access": cueAccount, "membership": cueAccount, "subscription": cueAccount, "profile": cueAccount, "service": cueAccount, "services": cueAccount,
	"remov": cueRemove, "delet": cueRemove, "refus": cueRemove, "reject": cueRemove, "filter": cueRemove,
	"screen": cueRemove, "moderat": cueRemove, "takedown": cueRemove, "monitor": cueRemove, "disable": cueTerminate,
	"content": cueContent, "material": cueContent, "posting": cueContent, "posted": cueContent, "upload": cueContent,
	"submission": cueContent, "photo": cueContent, "video": cueContent, "comment": cueContent, "listing": cueContent,
	"liab": cueLiable, "liable": cueLiable, "responsib": cueLiable, "indemn": cueLiable, "harmless": cueLiable,
	"damage": cueDamages, "loss": cueDamages, "losses": cueDamages, "lost": cueDamages, "indirect": cueDamages,
	"incidental": cueDamages, "consequential": cueDamages, "special": cueDamages, "punitive": cueDamages,
	"exemplary": cueDamages, "profits": cueDamages, "injur": cueDamages, "harm": cueDamages,
	"warrant": cueWarranty, "guarant": cueWarranty, "disclaim": cueWarranty, "merchantab": cueWarranty, "fitness": cueWarranty,
	"extent": cueExtent, "maximum": cueExtent, "fullest": cueExtent, "permitted": cueExtent, "applicable": cueExtent,
	"exceed": cueCap, "aggregate": cueCap, "amount": cueCap, "paid": cueCap, "cap": cueCap, "total": cueCap,
	"using": cueUsing, "use": cueUsing, "accessing": cueUsing, "visit": cueUsing, "regist": cueUsing,
	"download": cueUsing, "install": cueUsing, "click": cueUsing, "continu": cueUsing, "browse": cueUsing, "sign": cueUsing,
	"agree": cueAgree, "accept": cueAgree, "consent": cueAgree, "bound": cueAgree, "acknowledg": cueAgree, "binding": cueAgree,
	"dispute": cueDispute, "claim": cueDispute, "controvers": cueDispute, "lawsuit": cueDispute, "proceeding": cueDispute, "action": cueDispute, "litigat": cueDispute,
	"may": cueMay, "can": cueMay, "might": cueMay, "right": cueMay, "entitled": cueMay,
	"reserv": cueReserve, "retain": cueReserve,
	"we": cueWe, "us": cueWe, "our": cueWe,
	"you": cueYou, "your": cueYou, "user": cueYou, "users": cueYou,
	"reason": cueReason, "cause": cueReason, "whatsoever": cueReason, "any": cueReason,
	"effective": cueEffective, "immediately": cueEffective, "becom": cueEffective,
}

// cueIndex groups the stems by their first four bytes (or the whole stem
// when shorter), so a token costs one map lookup and a few prefix checks.
type cueIndex struct {
	short map[string]cue // stems of fewer than four bytes: whole words
	long  map[uint32][]cueStem
}

type cueStem struct {
	stem string
	c    cue
}

func newCueIndex() *cueIndex {
	ix := &cueIndex{short: map[string]cue{}, long: map[uint32][]cueStem{}}
	for s, c := range cueStems {
		if len(s) < 4 {
			ix.short[s] = c
			continue
		}
		k := key4(s)
		ix.long[k] = append(ix.long[k], cueStem{s, c})
	}
	for k, list := range ix.long {
		// Longest first, then by stem, so the result does not depend on
		// map order.
		for i := 1; i < len(list); i++ {
			for j := i; j > 0 && (len(list[j].stem) > len(list[j-1].stem) ||
				len(list[j].stem) == len(list[j-1].stem) && list[j].stem < list[j-1].stem); j-- {
				list[j], list[j-1] = list[j-1], list[j]
			}
		}
		ix.long[k] = list
	}
	return ix
}

func key4[S string | []byte](s S) uint32 {
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// defaultCues is read-only after package initialisation.
var defaultCues = newCueIndex()

// lookup returns the class of a token, or numCues for none.
func (ix *cueIndex) lookup(tok []byte) cue {
	if len(tok) < 4 {
		if c, ok := ix.short[string(tok)]; ok {
			return c
		}
		return numCues
	}
	for _, s := range ix.long[key4(tok)] {
		if len(tok) >= len(s.stem) && string(tok[:len(s.stem)]) == s.stem {
			return s.c
		}
	}
	return numCues
}

// cueSet is a sentence's cue classes, plain and inside a negation scope.
type cueSet struct {
	has, neg uint64
}

// appendCueFeatures appends the hashed cue features of a cue set: one per
// class, one per negated class, one per pair of classes.
func appendCueFeatures(dst []uint32, cs cueSet, mask uint64) []uint32 {
	for m := cs.has; m != 0; m &= m - 1 {
		a := uint64(bits.TrailingZeros64(m))
		dst = append(dst, uint32(mix(seedCue^(a+1))&mask))
		for n := m & (m - 1); n != 0; n &= n - 1 {
			b := uint64(bits.TrailingZeros64(n))
			dst = append(dst, uint32(mix(seedCuePair^(a<<8|b))&mask))
		}
	}
	for m := cs.neg; m != 0; m &= m - 1 {
		a := uint64(bits.TrailingZeros64(m))
		dst = append(dst, uint32(mix(seedCueNeg^(a+1))&mask))
	}
	return dst
}
