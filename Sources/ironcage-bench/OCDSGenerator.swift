/// Deterministic, realistic OCDS compiled releases for the `import ocds` benchmark, one
/// per line, as a trading centre's OCDS publication writes them: eight parties with
/// CN-SAIC identifiers, addresses and contact points; a tender with items, documents,
/// a value, a ceiling, a period and an opening; six bids (now and then one
/// disqualified or withdrawn) with values, the people behind them, a machine
/// fingerprint and a deposit; an award and a contract, amended in one release in ten.
/// About 7 KB a release, Chinese text throughout.
struct OCDSGenerator {
    private var state: UInt64 = 0x0CD5_2026_0000_0001
    private var buffer: [UInt8] = []
    private var number = 0
    /// Seconds since the epoch of the next tender's publication.
    private var clock: Int64 = 1_788_192_000

    static let titles = [
        "南明区老旧小区改造配套道路工程", "基层医疗机构医用设备采购项目", "数据安全等级保护测评服务项目", "乌当区小型水库除险加固工程",
        "政务云平台运维服务", "中小学教室照明改造工程", "城市道路智能交通信号控制系统", "公共资源交易中心档案数字化服务",
    ]
    static let companies = [
        "贵州筑城建设工程有限公司", "贵州明远市政工程有限公司", "贵阳兴黔路桥有限公司", "贵州山水园林建设有限公司", "贵州恒达建筑劳务有限公司",
        "贵州康瑞医疗器械有限公司", "贵阳博仁医药科技有限公司", "贵州云智信息技术有限公司", "贵阳数安科技有限公司", "贵州黔云网络工程有限公司",
    ]
    static let buyers = ["贵阳市南明区住房和城乡建设局", "贵阳市第二人民医院", "贵阳市大数据发展管理局", "贵阳市乌当区水务管理局"]
    static let agencies = ["贵州黔诚工程招标代理有限公司", "贵州诚信采购咨询有限公司", "贵州中正招标有限公司"]
    static let methods = [("open", "公开招标"), ("open", "公开招标"), ("open", "公开招标"), ("limited", "邀请招标"), ("limited", "竞争性谈判")]
    static let streets = ["观山湖区林城东路", "南明区遵义路", "云岩区中华北路", "花溪区清溪路", "乌当区新添大道"]

    /// SplitMix64 (Steele, Lea, Flood 2014).
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    private mutating func text(_ string: String) { buffer.append(contentsOf: string.utf8) }

    private mutating func pick(_ choices: [String]) -> String { choices[below(choices.count)] }

    /// An 18-character credit code: `9152` + 14 characters of the GB 32100 alphabet.
    private mutating func creditCode(_ prefix: String = "915201") -> String {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        return prefix + String((0..<(18 - prefix.count)).map { _ in alphabet[below(alphabet.count)] })
    }

    private mutating func hex(_ count: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<count).map { _ in digits[below(16)] })
    }

    private func date(_ unix: Int64) -> String { EventGenerator.timestamp(unix) }

    private mutating func party(_ id: String, _ name: String, _ roles: String) {
        let street = pick(Self.streets)
        let house = below(300) + 1
        let phone = 80_000_000 + below(9_999_999)
        text(#"{"id":"CN-SAIC-\#(id)","name":"\#(name)","identifier":{"scheme":"CN-SAIC","id":"\#(id)","legalName":"\#(name)"},"#)
        text(#""address":{"streetAddress":"\#(street)\#(house)号","locality":"贵阳市","region":"贵州省","postalCode":"550001","countryName":"中国"},"#)
        text(#""contactPoint":{"name":"经办人","telephone":"0851-\#(phone)"},"roles":[\#(roles)]}"#)
    }

    private func reference(_ id: String, _ name: String) -> String { #"{"id":"CN-SAIC-\#(id)","name":"\#(name)"}"# }

    private func money(_ fen: Int) -> String {
        let cents = fen % 100
        return #"{"amount":\#(fen / 100).\#(cents < 10 ? "0" : "")\#(cents),"currency":"CNY"}"#
    }

    /// The next release, ending in a line feed.
    mutating func release() -> [UInt8] {
        buffer.removeAll(keepingCapacity: true)
        number += 1
        clock += Int64(600 + below(3_600))
        let ocid = "ocds-9gy2ck-B" + String(number)
        let buyer = (creditCode("115201"), pick(Self.buyers))
        let agency = (creditCode(), pick(Self.agencies))
        let tenderers = (0..<6).map { _ in (creditCode(), pick(Self.companies)) }
        let (method, details) = Self.methods[below(Self.methods.count)]
        let published = clock
        let deadline = published + 86_400 * Int64(20 + below(10))
        let estimate = (1_000_000 + below(9_000_000)) * 100
        let ceiling = estimate / 100 * 98
        let title = pick(Self.titles) + "（" + String(1 + below(5)) + "标段）"
        let awarded = deadline + 86_400 * Int64(10 + below(5))
        let signed = awarded + 86_400 * Int64(5 + below(20))

        text(#"{"ocid":"\#(ocid)","id":"\#(ocid)-\#(signed)","date":"\#(date(signed))","tag":["compiled"],"initiationType":"tender","parties":["#)
        party(buyer.0, buyer.1, #""buyer""#)
        text(",")
        party(agency.0, agency.1, #""procuringEntity""#)
        for (index, tenderer) in tenderers.enumerated() {
            text(",")
            party(tenderer.0, tenderer.1, index == 0 ? #""tenderer","supplier""# : #""tenderer""#)
        }
        text(#"],"buyer":\#(reference(buyer.0, buyer.1)),"tender":{"id":"GGZY-\#(number)","title":"\#(title)","#)
        text(#""description":"\#(title)，详见招标文件。","status":"complete","procuringEntity":\#(reference(agency.0, agency.1)),"#)
        text(#""items":[{"id":"1","description":"\#(title)","classification":{"scheme":"CPV","id":"45233140","description":"道路工程"},"quantity":1,"unit":{"name":"项"}}],"#)
        text(#""value":\#(money(estimate)),"ceilingValue":\#(money(ceiling)),"procurementMethod":"\#(method)","procurementMethodDetails":"\#(details)","#)
        text(#""mainProcurementCategory":"works","tenderPeriod":{"startDate":"\#(date(published))","endDate":"\#(date(deadline))"},"#)
        text(#""bidOpening":{"date":"\#(date(deadline))"},"numberOfTenderers":6,"#)
        text(#""documents":[{"id":"N\#(number)","documentType":"tenderNotice","title":"招标公告","url":"https://ggzy.guiyang.gov.cn/notice/\#(number).pdf","datePublished":"\#(date(published))","format":"application/pdf","language":"zh"}]},"#)
        text(#""bids":{"statistics":[{"id":"1","measure":"bids","value":6}],"details":["#)
        var winner = 0
        var best = Int.max
        for (index, tenderer) in tenderers.enumerated() {
            let amount = ceiling - (below(ceiling / 500) + 1) * 100
            let roll = below(20)
            let status = roll == 0 ? "disqualified" : roll == 1 ? "withdrawn" : "valid"
            if status == "valid", amount < best {
                best = amount
                winner = index
            }
            let submitted = deadline - Int64(3_600 + below(86_400 * 5))
            if index > 0 { text(",") }
            text(#"{"id":"\#(index + 1)","date":"\#(date(submitted))","status":"\#(status)","tenderers":[\#(reference(tenderer.0, tenderer.1))],"#)
            text(#""value":\#(money(amount)),"preparer":"52010\#(below(100_000))","agent":"52010\#(below(100_000))","projectManager":"52010\#(below(100_000))","#)
            text(#""contact":"52010\#(below(100_000))","documentHash":"\#(hex(64))","#)
            text(#""fingerprint":{"ip":"198.51.100.\#(below(250) + 1)","mac":"02:\#(hex(2)):\#(hex(2)):\#(hex(2)):\#(hex(2)):\#(hex(2))","machineCode":"BFEBFBFF\#(hex(8).uppercased())-WD-WX\#(hex(10).uppercased())"},"#)
            text(#""deposit":{"date":"\#(date(submitted - 86_400))","account":"24020012090\#(below(100_000_000))","value":\#(money(ceiling / 50))}"#)
            if status == "disqualified" { text(#","statusDetails":"投标文件未按要求签字盖章""#) }
            text("}")
        }
        if best == Int.max { best = ceiling - 100 }
        let supplier = tenderers[winner]
        text(#"]},"awards":[{"id":"A\#(number)","title":"中标通知书","status":"active","date":"\#(date(awarded))","value":\#(money(best)),"#)
        text(#""suppliers":[\#(reference(supplier.0, supplier.1))],"documents":[{"id":"W\#(number)","documentType":"awardNotice","title":"中标结果公告","url":"https://ggzy.guiyang.gov.cn/award/\#(number).pdf","format":"application/pdf"}]}],"#)
        text(#""contracts":[{"id":"C\#(number)","awardID":"A\#(number)","title":"\#(title)合同","status":"active","#)
        text(#""period":{"startDate":"\#(date(signed + 86_400))","endDate":"\#(date(signed + 86_400 * 365))"},"value":\#(money(best)),"dateSigned":"\#(date(signed))""#)
        if below(10) == 0 { text(#","amendments":[{"id":"1","date":"\#(date(signed + 86_400 * 60))","rationale":"工程量变更"}]"#) }
        text("}]}\n")
        return buffer
    }
}
