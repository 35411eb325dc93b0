/// Deterministic, realistic XES for the interchange benchmark: permit applications of
/// 6–14 events, five attributes per trace and eleven per event (typed: strings with
/// Chinese text and entity references, ints, floats, booleans, dates, ids), written
/// as a department's process-mining export would be.
struct XESGenerator {
    private var state: UInt64 = 0x1849_2016_0000_0001
    private var buffer: [UInt8] = []
    private var traceNumber = 0
    private var eventsLeftInTrace = 0
    /// Seconds since the epoch of the next event (Beijing time is written).
    private var clock: Int64 = 1_788_192_000

    static let activities = ["收件", "受理", "补正告知", "补正材料提交", "现场核查", "专家评审", "批准", "不予许可", "发证", "归档", "Document scanned", "Fee paid"]
    static let items = ["食品经营许可证新办", "公共场所卫生许可", "户外广告设施设置许可", "药品经营许可（零售）", "建设工程施工许可", "排水许可"]
    static let channels = ["网上申报", "窗口受理", "自助终端", "邮寄"]
    static let notes = ["材料齐全，符合法定形式", "申请人补充了 &amp; 更正了经营场所平面图", "经办人已电话告知申请人", "按《行政许可法》第三十二条受理"]

    /// The mapping the benchmark passes to `import xes`: every Chinese activity named.
    static let mapping = """
        {"dept": "gy.zwfw", "subject_prefix": "app:", "time_zone": "Asia/Shanghai",
         "types": {"收件": "application.received", "受理": "application.accepted", "补正告知": "application.suspended",
                   "补正材料提交": "application.resumed", "现场核查": "prerequisite.passed", "专家评审": "application.reviewed",
                   "批准": "application.approved", "不予许可": "application.rejected", "发证": "permit.issued",
                   "归档": "application.archived"}}

        """

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

    private mutating func number(_ value: Int) { buffer.append(contentsOf: String(value).utf8) }

    private mutating func attribute(_ element: String, _ key: String, _ value: String, indent: String) {
        text(indent + "<" + element + " key=\"" + key + "\" value=\"" + value + "\"/>\n")
    }

    /// The document's opening: declaration, extensions, globals, classifier.
    mutating func header() -> [UInt8] {
        buffer.removeAll(keepingCapacity: true)
        text("""
            <?xml version="1.0" encoding="UTF-8"?>
            <log xes.version="1849-2016" xes.features="nested-attributes" xmlns="http://www.xes-standard.org/">
              <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
              <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>
              <extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>
              <global scope="event"><string key="concept:name" value="__INVALID__"/></global>
              <classifier name="Activity" keys="concept:name"/>

            """)
        return buffer
    }

    /// The closing tag of the document (closing an open trace first).
    mutating func footer() -> [UInt8] {
        buffer.removeAll(keepingCapacity: true)
        if traceNumber > 0 { text("  </trace>\n") }
        text("</log>\n")
        return buffer
    }

    /// The next event, with its trace's opening (and the previous trace's end) when
    /// it starts a trace.
    mutating func event() -> [UInt8] {
        buffer.removeAll(keepingCapacity: true)
        if eventsLeftInTrace == 0 {
            if traceNumber > 0 { text("  </trace>\n") }
            traceNumber += 1
            eventsLeftInTrace = 6 + below(9)
            text("  <trace>\n")
            attribute("string", "concept:name", "2026-" + String(100_000 + traceNumber), indent: "    ")
            attribute("string", "item", Self.items[below(Self.items.count)], indent: "    ")
            attribute("string", "applicant", "org:915201" + String(10_000_000 + below(89_999_999)), indent: "    ")
            attribute("int", "legal_limit_days", String([15, 20, 30][below(3)]), indent: "    ")
            attribute("boolean", "online", below(2) == 0 ? "true" : "false", indent: "    ")
        }
        eventsLeftInTrace -= 1
        clock += Int64(60 + below(7_200))
        let indent = "      "
        text("    <event>\n")
        attribute("string", "concept:name", Self.activities[below(Self.activities.count)], indent: indent)
        attribute("date", "time:timestamp", Self.timestamp(clock), indent: indent)
        attribute("string", "org:resource", "clerk:0" + String(100 + below(40)), indent: indent)
        attribute("string", "lifecycle:transition", "complete", indent: indent)
        text(indent + "<int key=\"window\" value=\"")
        number(1 + below(30))
        text("\"/>\n")
        text(indent + "<float key=\"fee\" value=\"")
        number(below(5_000))
        text(".")
        number(10 + below(90))
        text("\"/>\n")
        attribute("string", "channel", Self.channels[below(Self.channels.count)], indent: indent)
        attribute("string", "note", Self.notes[below(Self.notes.count)], indent: indent)
        attribute("boolean", "materials_complete", below(4) == 0 ? "false" : "true", indent: indent)
        attribute("date", "due", Self.timestamp(clock + 86_400 * Int64(5 + below(20))), indent: indent)
        attribute("id", "document", "DOC-" + String(traceNumber) + "-" + String(below(1_000_000)), indent: indent)
        text("    </event>\n")
        return buffer
    }

    /// RFC 3339 in Beijing time, with milliseconds as XES writers put them.
    static func timestamp(_ unix: Int64) -> String {
        let local = EventGenerator.timestamp(unix)
        return String(local.dropLast(6)) + ".000+08:00"
    }
}
