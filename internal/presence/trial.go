package presence

// trial are curated phrases under measurement (Options.Trial), written as
// curated's are: from CUAD's category descriptions and common drafting.
var trial = map[string][]string{
	"Revenue/Profit Sharing": {
		`(revenue|profit)s?[- ]shar`,
		`shares? (of|in) (the |all |any )?(net |gross )?(revenues?|profits?|proceeds|sales|income|receipts)`,
		`(percent|%) of (the |all |any )?(its )?(net |gross )?(revenues?|profits?|sales|receipts|proceeds|income|amounts? (received|collected))`,
		`royalt(y|ies) (of|equal to|at the rate of|rate)`,
		`commissions? (of|equal to)`,
		`split .{0,30}(revenues?|profits?|proceeds|fees|income)`,
	},
	"Joint IP Ownership": {
		`joint(ly)? own`,
		`joint (inventions?|ownership|intellectual property|ip|technology|patents?|developments?|works?|property)`,
		`co-?own`,
		`owned (jointly|equally) by`,
		`undivided (interest|right|ownership)`,
		`tenants in common`,
	},
	"Post-Termination Services": {
		`transition(al)? (services|assistance|period|plan)`,
		`wind[- ]?(down|up)`,
		`sell[- ]?off`,
		`last[- ]time (buy|order)|last buy|final (order|purchase)`,
		`(after|following|upon|on) (the )?(termination|expiration|expiry).{0,120}(continue to|shall (provide|supply|deliver|sell|perform|purchase|pay)|remaining inventory)`,
		`for a period of .{0,40}(after|following) (the )?(termination|expiration|expiry)`,
	},
	"Warranty Duration": {
		`warranty period`,
		`warrant\w* .{0,150}for (a period of )?.{0,30}(days|months?|years?) (from|after|following)`,
		`(days|months?|years?) (from|after|following) (the )?(date of )?(delivery|shipment|installation|acceptance|purchase|sale|completion).{0,150}warrant`,
	},
	"Change of Control": {
		`changes? (of|in) (the )?control`,
		`(sale|transfer) of (all or )?substantially all`,
		`controlling interest`,
		`acquired by`,
	},
	"Liquidated Damages": {
		`liquidated damages`,
		`termination (fee|payment|charge)`,
		`break[- ]?(up )?fee`,
		`buy[- ]?out`,
		`exit fee`,
		`not (as )?a penalty`,
	},
	"Minimum Commitment": {
		`minimum (annual |monthly |quarterly |yearly )?(purchase|order|quantit|volume|commitment|requirement|royalt|payment|sales|amount)`,
		`(purchase|order|buy) (at least|not less than|a minimum of)`,
		`take[- ]or[- ]pay`,
		`shortfall`,
	},
	"Exclusivity": {
		`exclusivity`,
		`(^|[^-\w])exclusive (distributor|supplier|right|licen|provider|agent|reseller|territory|basis|manufacturer|partner|dealer|representative)`,
		`(all|entire) (of )?(its|their) (requirements|needs)`,
		`sole (and exclusive )?(source|supplier|provider|distributor)`,
	},
	"Rofr/Rofo/Rofn": {
		`right of first (refusal|offer|negotiation)`,
		`first right (of|to) (refus|negotiat|offer)`,
		`right to match`,
		`option to (purchase|acquire|license)`,
		`first opportunity to`,
	},
}

// trialKeys are trial's keys, as keys are curated's.
var trialKeys = map[string][]string{
	"Revenue/Profit Sharing":    {"revenue", "profit", "share", "percent", "%", "royalt", "commission", "split"},
	"Joint IP Ownership":        {"joint", "own", "undivided", "tenants in common"},
	"Post-Termination Services": {"transition", "wind", "sell", "last", "final ", "after", "following", "upon", "on "},
	"Warranty Duration":         {"warrant"},
	"Change of Control":         {"control", "substantially all", "acquired by"},
	"Liquidated Damages":        {"liquidated", "termination ", "break", "buy", "exit fee", "penalty"},
	"Minimum Commitment":        {"minimum", "at least", "not less than", "take", "shortfall"},
	"Exclusivity":               {"exclusiv", "requirements", "needs", "sole "},
	"Rofr/Rofo/Rofn":            {"first", "right to match", "option to"},
}
