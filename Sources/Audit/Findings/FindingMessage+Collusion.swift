/// The words of the `collusion` kind's findings (modes `deemed`, `flags`, `patterns`).
extension AuditedFinding {
    /// What a collusion finding found, in both languages; nil for other codes.
    func collusionMessage() -> LocalizedText? {
        let d = finding.details
        func v(_ key: String) -> String { d[key] ?? "" }
        /// A fraction in `key` as a percentage: 0.0125 → 1.25%.
        func percent(_ key: String) -> String { d[key].flatMap(Double.init).map { format3($0 * 100) + "%" } ?? "" }
        let article = Self.articles[v("article")] ?? LocalizedText(zh: v("article"), en: v("article"))
        let attribute = Self.attributes[v("attribute")] ?? LocalizedText(zh: v("attribute"), en: v("attribute"))
        switch finding.code {
        case "same_origin":
            return LocalizedText(
                zh: "投标人 \(v("bidders")) 的投标文件\(attribute.zh)相同（\(v("value"))），视为由同一单位或者个人编制（\(article.zh)）",
                en: "bids of \(v("bidders")) share the \(attribute.en) \(v("value")): deemed prepared by the same unit or person (\(article.en))")
        case "same_ip":
            return LocalizedText(
                zh: "投标人 \(v("bidders")) 从同一IP地址（\(v("value"))）投标，单凭此项不足以认定串通，应核查（\(article.zh)）",
                en: "bids of \(v("bidders")) came from the same IP address \(v("value")): not conclusive alone, to be checked (\(article.en))")
        case "same_agent":
            return LocalizedText(
                zh: "投标人 \(v("bidders")) 委托同一人（\(v("value"))）办理投标事宜（\(article.zh)）",
                en: "\(v("bidders")) entrusted the same agent \(v("value")) with their bids (\(article.en))")
        case "same_manager":
            return LocalizedText(
                zh: "投标人 \(v("bidders")) 的投标文件载明的\(attribute.zh)为同一人（\(v("value"))）（\(article.zh)）",
                en: "bids of \(v("bidders")) name the same \(attribute.en) \(v("value")) (\(article.en))")
        case "identical_documents":
            return LocalizedText(
                zh: "投标人 \(v("bidders")) 的投标文件哈希值相同（\(v("value"))），投标文件异常一致（\(article.zh)）",
                en: "bids of \(v("bidders")) have the same document hash \(v("value")): abnormally identical documents (\(article.en))")
        case "identical_prices":
            return LocalizedText(
                zh: "投标人 \(v("bidders")) 报价相同（\(v("value"))），投标文件异常一致（\(article.zh)）",
                en: "\(v("bidders")) bid the same price \(v("value")): abnormally alike (\(article.en))")
        case "regular_prices":
            let arithmetic = v("pattern") == "arithmetic"
            let ceiling = v("reaches_ceiling") == "true"
            return LocalizedText(
                zh: "\(v("count")) 家投标人的报价呈\(arithmetic ? "等差" : "等比")数列（\(arithmetic ? "公差" : "公比") \(v("step"))"
                    + (ceiling ? "，并延续至最高投标限价 \(v("ceiling"))" : "") + "），投标报价呈规律性差异（\(article.zh)）：\(v("amounts"))",
                en: "the \(v("count")) bids form \(arithmetic ? "an arithmetic" : "a geometric") progression (\(arithmetic ? "step" : "ratio") \(v("step"))"
                    + (ceiling ? ", continued by the ceiling \(v("ceiling"))" : "") + "): prices in a regular pattern (\(article.en)): \(v("amounts"))")
        case "same_deposit_account":
            return LocalizedText(
                zh: "投标人 \(v("bidders")) 的投标保证金从同一账户（\(v("value"))）转出（\(article.zh)）",
                en: "the deposits of \(v("bidders")) were paid from the same account \(v("value")) (\(article.en))")
        case "changed_after_opening":
            return LocalizedText(
                zh: "开标后投标人 \(v("bidders")) 又递交投标文件 \(v("count")) 次，疑似招标人授意修改投标文件（\(article.zh)）",
                en: "after the opening, \(v("bidders")) submitted again (\(v("count")) \(v("count") == "1" ? "submission" : "submissions")): the buyer may have let them change their bids (\(article.en))")
        case "winner_near_secret_price":
            let field = v("field") == "ceiling" ? LocalizedText(zh: "最高投标限价", en: "ceiling") : LocalizedText(zh: "标底", en: "estimate (标底)")
            return LocalizedText(
                zh: "中标人 \(v("winner")) 的报价 \(v("amount")) 与未公开的\(field.zh) \(v("secret")) 仅差 \(percent("gap"))，疑似泄露标底（\(article.zh)）",
                en: "the winner \(v("winner"))'s bid \(v("amount")) is within \(percent("gap")) of the undisclosed \(field.en) \(v("secret")): it may have leaked (\(article.en))")
        case "short_submission_period":
            return LocalizedText(
                zh: "自招标文件发出至投标截止仅 \(v("days")) 日，少于 \(v("minimum")) 日（《招标投标法》第二十四条；Cardinal R003）",
                en: "only \(v("days")) days from the notice to the submission deadline, under \(v("minimum")) (Tendering and Bidding Law art. 24; Cardinal R003)")
        case "single_bid":
            return LocalizedText(
                zh: "竞争性招标仅有一家投标人（\(v("bidder"))）（《招标投标法》第二十八条；Cardinal R018）",
                en: "a competitive tender with a single bidder, \(v("bidder")) (Tendering and Bidding Law art. 28; Cardinal R018)")
        case "close_to_winning_bid":
            return LocalizedText(
                zh: "次低有效报价 \(v("second"))（\(v("second_bidder"))）仅比中标报价 \(v("winning")) 高 \(percent("difference"))（Cardinal R024）",
                en: "the second-lowest valid bid \(v("second")) (\(v("second_bidder"))) is only \(percent("difference")) above the winning bid \(v("winning")) (Cardinal R024)")
        case "identical_bid_prices":
            return LocalizedText(
                zh: "不同投标人报价相同：\(v("bidders")) 均报 \(v("amount"))（Cardinal R028）",
                en: "different bidders bid the same price: \(v("bidders")) at \(v("amount")) (Cardinal R028)")
        case "late_bid_won":
            return LocalizedText(
                zh: "中标人 \(v("winner")) 的投标于截止时间 \(v("deadline")) 之后递交（\(v("submitted"))）（Cardinal R030）",
                en: "the winner \(v("winner")) submitted after the deadline \(v("deadline")) (at \(v("submitted"))) (Cardinal R030)")
        case "all_but_winner_disqualified":
            return LocalizedText(
                zh: "除中标人 \(v("winner")) 外，其余 \(v("disqualified")) 家投标人均被否决（Cardinal R035）",
                en: "every bidder but the winner \(v("winner")) was disqualified (\(v("disqualified"))) (Cardinal R035)")
        case "lowest_bid_disqualified":
            return LocalizedText(
                zh: "最低报价 \(v("amount"))（\(v("bidder"))）被否决，\(v("winner")) 中标（Cardinal R036）",
                en: "the lowest bid, \(v("amount")) by \(v("bidder")), was disqualified and \(v("winner")) won (Cardinal R036)")
        case "excessive_disqualifications":
            return LocalizedText(
                zh: "\(v("submitted")) 家投标人中 \(v("disqualified")) 家被否决（\(percent("share"))）（Cardinal R038）",
                en: "\(v("disqualified")) of \(v("submitted")) bidders disqualified (\(percent("share"))) (Cardinal R038)")
        case "heavily_discounted_bid":
            return LocalizedText(
                zh: "次低有效报价 \(v("second"))（\(v("second_bidder"))）比中标报价 \(v("winning")) 高 \(percent("difference"))（Cardinal R058）",
                en: "the second-lowest valid bid \(v("second")) (\(v("second_bidder"))) is \(percent("difference")) above the winning bid \(v("winning")) (Cardinal R058)")
        case "perpetual_loser":
            return LocalizedText(
                zh: "\(v("firm")) 投标 \(v("bids")) 次，\(v("losses")) 次落标且从未中标，其中 \(v("covered")) 次由 \(v("winners")) 中标，疑似陪标",
                en: "\(v("firm")) bid \(v("bids")) times, lost \(v("losses")) awarded tenders and never won; \(v("covered")) of them went to \(v("winners")): a possible cover bidder (陪标)")
        case "bid_rotation":
            return LocalizedText(
                zh: "\(v("members")) 在共同投标的 \(v("contested")) 个已定标项目中中标 \(v("won")) 个，轮流中标（\(v("winners"))），疑似轮流坐庄",
                en: "\(v("members")) won \(v("won")) of the \(v("contested")) awarded tenders they bid in together, taking turns (\(v("winners"))): possible bid rotation")
        case "cobidding_ring":
            return LocalizedText(
                zh: "\(v("members")) 反复共同投标（\(v("shared")) 个项目中至少两家同时出现，\(v("together")) 个项目全部出现，两两重合度不低于 \(v("affinity"))），疑似围标",
                en: "\(v("members")) keep bidding together (two or more of them in \(v("shared")) tenders, all in \(v("together")), pairwise affinity at least \(v("affinity"))): a possible bidding ring")
        default:
            return nil
        }
    }

    /// 《招标投标法实施条例》 articles and items, as findings cite them.
    private static let articles: [String: LocalizedText] = [
        "40(1)": LocalizedText(zh: "《招标投标法实施条例》第四十条第（一）项", en: "Tendering and Bidding Law Regulations art. 40(1)"),
        "40(2)": LocalizedText(zh: "《招标投标法实施条例》第四十条第（二）项", en: "Tendering and Bidding Law Regulations art. 40(2)"),
        "40(3)": LocalizedText(zh: "《招标投标法实施条例》第四十条第（三）项", en: "Tendering and Bidding Law Regulations art. 40(3)"),
        "40(4)": LocalizedText(zh: "《招标投标法实施条例》第四十条第（四）项", en: "Tendering and Bidding Law Regulations art. 40(4)"),
        "40(6)": LocalizedText(zh: "《招标投标法实施条例》第四十条第（六）项", en: "Tendering and Bidding Law Regulations art. 40(6)"),
        "41(2)": LocalizedText(zh: "《招标投标法实施条例》第四十一条第二款第（二）项", en: "Tendering and Bidding Law Regulations art. 41(2)(2)"),
        "41(4)": LocalizedText(zh: "《招标投标法实施条例》第四十一条第二款第（四）项", en: "Tendering and Bidding Law Regulations art. 41(2)(4)"),
    ]

    /// The bid attributes the `deemed` mode compares.
    private static let attributes: [String: LocalizedText] = [
        "preparer": LocalizedText(zh: "编制人", en: "preparer"),
        "machine_code": LocalizedText(zh: "机器码", en: "machine code"),
        "file_id": LocalizedText(zh: "文件创建标识码", en: "file-creation id"),
        "dongle": LocalizedText(zh: "计价软件加密锁号", en: "cost-software dongle"),
        "mac": LocalizedText(zh: "网卡MAC地址", en: "MAC address"),
        "cpu": LocalizedText(zh: "CPU序列号", en: "CPU serial"),
        "disk": LocalizedText(zh: "硬盘序列号", en: "disk serial"),
        "ip": LocalizedText(zh: "IP地址", en: "IP address"),
        "agent": LocalizedText(zh: "委托代理人", en: "agent"),
        "project_manager": LocalizedText(zh: "项目负责人", en: "project manager"),
        "contact": LocalizedText(zh: "联系人", en: "contact"),
        "doc_hash": LocalizedText(zh: "文件哈希值", en: "document hash"),
        "account": LocalizedText(zh: "账户", en: "account"),
    ]
}
