/// What each screen is called, for messages and tables.
extension PriceScreens {
    /// The screen's name in words, in both languages.
    public static func label(of name: String) -> LocalizedText {
        let parts: [(prefix: String, zh: String, en: String)] = [
            ("low4.", "最低四家", "lowest four: "), ("loo.min.", "剔除一家后最小", "leave-one-out min "),
            ("loo.max.", "剔除一家后最大", "leave-one-out max "),
        ]
        for part in parts where name.hasPrefix(part.prefix) {
            let base = label(of: String(name.dropFirst(part.prefix.count)))
            return LocalizedText(zh: part.zh + base.zh, en: part.en + base.en)
        }
        switch name {
        case "bids": return LocalizedText(zh: "报价数", en: "bids")
        case "cv": return LocalizedText(zh: "变异系数", en: "coefficient of variation")
        case "spd": return LocalizedText(zh: "价差幅度", en: "spread")
        case "diffp": return LocalizedText(zh: "最低两价差率", en: "gap between the two lowest")
        case "rd": return LocalizedText(zh: "相对距离", en: "relative distance")
        case "kurt": return LocalizedText(zh: "峰度", en: "kurtosis")
        case "skew": return LocalizedText(zh: "偏度", en: "skewness")
        case "ks": return LocalizedText(zh: "与均匀分布的KS距离", en: "KS distance to uniform")
        case "ties": return LocalizedText(zh: "相同报价占比", en: "share of identical bids")
        case "gaps.cv": return LocalizedText(zh: "报价间隔变异系数", en: "variation of the gaps")
        case "gap1": return LocalizedText(zh: "最低价差占全距比", en: "lowest gap over the spread")
        case "low.ref": return LocalizedText(zh: "最低价/估算价", en: "lowest bid / estimate")
        case "mean.ref": return LocalizedText(zh: "平均价/估算价", en: "mean bid / estimate")
        case "high.ref": return LocalizedText(zh: "最高价/估算价", en: "highest bid / estimate")
        case "hist.known": return LocalizedText(zh: "曾投标企业占比", en: "share of bidders seen before")
        case "hist.bids": return LocalizedText(zh: "投标人以往投标次数（对数）", en: "bidders' earlier bids (log)")
        case "hist.pairs": return LocalizedText(zh: "曾同场投标的企业对占比", en: "share of pairs that bid together before")
        case "hist.together": return LocalizedText(zh: "企业对以往同场次数（对数）", en: "pairs' earlier tenders together (log)")
        case "hist.closed": return LocalizedText(zh: "以往对手在本次投标中的占比", en: "share of earlier rivals bidding here")
        case "hist.rivals": return LocalizedText(zh: "以往不同对手数（对数）", en: "distinct earlier rivals (log)")
        case "hist.win_rate": return LocalizedText(zh: "投标人以往中标率", en: "bidders' earlier win rate")
        case "hist.winner_rate": return LocalizedText(zh: "中标人以往中标率", en: "winner's earlier win rate")
        case "hist.winner_share": return LocalizedText(zh: "中标人占本组以往中标的份额", en: "winner's share of the group's wins")
        default: return LocalizedText(zh: name, en: name)
        }
    }
}
