import EventLog

extension AuditedFinding {
    /// What was found, in words, in `language`.
    public func message(_ language: Language, calendar: WorkCalendar) -> String {
        let d = finding.details
        if let text = collusionMessage() { return text.text(language) }
        if let text = screensMessage() { return text.text(language) }
        func local(_ instant: Instant?) -> String { instant.map { $0.string(offsetSeconds: calendar.utcOffsetSeconds) } ?? "" }
        let zh: String
        let en: String
        switch finding.code {
        case "overdue":
            if level == .red {
                zh = "已超过时限（\(d["limit"] ?? "")，应于 \(local(finding.due)) 前办结），仍未办结"
                en = "past its time limit (\(d["limit"] ?? ""), due \(local(finding.due))) and still open"
            } else {
                zh = "临近时限（\(d["limit"] ?? "")，应于 \(local(finding.due)) 前办结）"
                en = "nearing its time limit (\(d["limit"] ?? ""), due \(local(finding.due)))"
            }
        case "closed_late":
            zh = "超期办结：应于 \(local(finding.due)) 前办结，实际 \(d["stopped"] ?? "")"
            en = "closed late: due \(local(finding.due)), closed \(d["stopped"] ?? "")"
        case "violation":
            let shown = d.filter { $0.key != "at" }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
            zh = "事件不符合规则（\(d["at"] ?? "")）" + (shown.isEmpty ? "" : "：\(shown)")
            en = "event breaks the rule (\(d["at"] ?? ""))" + (shown.isEmpty ? "" : ": \(shown)")
        case "sequence":
            let same = d.filter { !["first_at", "then_at"].contains($0.key) }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
            zh = "禁止的先后顺序：\(d["first_at"] ?? "") 之后 \(d["then_at"] ?? "")" + (same.isEmpty ? "" : "（\(same)）")
            en = "forbidden sequence: \(d["first_at"] ?? "") then \(d["then_at"] ?? "")" + (same.isEmpty ? "" : " (\(same))")
        case "missing_prerequisite":
            zh = "缺少前置事项（\(d["key"] ?? "")，\(d["at"] ?? "")）"
            en = "no prior matching event for \(d["key"] ?? "") (\(d["at"] ?? ""))"
        case "duplicate":
            zh = "同一事项出现 \(d["count"] ?? "") 次"
            en = "the same matter occurs \(d["count"] ?? "") times"
        case "threshold_passed":
            zh = "累计金额 \(d["total"] ?? "") 超过限额 \(d["threshold"] ?? "")（\(d["count"] ?? "") 笔）"
            en = "cumulative \(d["total"] ?? "") exceeds the threshold \(d["threshold"] ?? "") over \(d["count"] ?? "") events"
        case "reference_threshold_passed":
            zh = "累计金额 \(d["total"] ?? "")（\(d["count"] ?? "") 笔）超过 \(d["reference_subject"] ?? "") 金额 \(d["reference_amount"] ?? "") 的 \(d["factor"] ?? "") 倍（\(d["threshold"] ?? "")）"
            en = "cumulative \(d["total"] ?? "") over \(d["count"] ?? "") events exceeds \(d["factor"] ?? "")× the \(d["reference_amount"] ?? "") of \(d["reference_subject"] ?? "") (\(d["threshold"] ?? ""))"
        case "share_passed":
            zh = "\(d["member"] ?? "") 占同组合计 \(d["total"] ?? "") 的 \(d["share"] ?? "")（\(d["part"] ?? "")，\(d["count"] ?? "")/\(d["group_count"] ?? "") 笔），超过 \(d["above"] ?? "")"
            en = "\(d["member"] ?? "") holds \(d["share"] ?? "") of the group's \(d["total"] ?? "") (\(d["part"] ?? ""), \(d["count"] ?? "") of \(d["group_count"] ?? "") events), above \(d["above"] ?? "")"
        case "outlier":
            zh = "\(d["actor"] ?? "")：比率 \(d["rate"] ?? "")（\(d["count"] ?? "")/\(d["base"] ?? "")），超过单位参照值 \(d["reference"] ?? "") 的 \(d["factor"] ?? "") 倍"
            en = "\(d["actor"] ?? ""): rate \(d["rate"] ?? "") (\(d["count"] ?? "")/\(d["base"] ?? "")) above \(d["factor"] ?? "")× the unit's \(d["reference"] ?? "")"
        case "outlier_day":
            zh = "\(d["actor"] ?? "") 于 \(d["date"] ?? "") 共 \(d["count"] ?? "") 次，超过其日常中位数 \(d["median"] ?? "") 的 \(d["factor"] ?? "") 倍"
            en = "\(d["actor"] ?? "") on \(d["date"] ?? ""): \(d["count"] ?? "") times, above \(d["factor"] ?? "")× their median \(d["median"] ?? "")"
        case "registry_conflict":
            if let whenDate = d["when_date"] {
                zh = "与登记信息矛盾：\(whenDate) 晚于 \(d["registry_subject"] ?? "") 登记日期 \(d["registry_date"] ?? "")"
                en = "contradicts the registry: \(whenDate) is after \(d["registry_subject"] ?? "")'s \(d["registry_date"] ?? "")"
            } else {
                zh = "与登记信息矛盾：\(d["key"] ?? "") 见于 \(d["registry_subject"] ?? "")"
                en = "contradicts the registry: \(d["key"] ?? "") appears in \(d["registry_subject"] ?? "")"
            }
        case "late_entry":
            zh = "\(d["count"] ?? "") 条事件于 \(d["recorded"] ?? "") 补录，最长滞后 \(d["max_lag_hours"] ?? "") 小时，未声明补录"
            en = "\(d["count"] ?? "") events recorded at \(d["recorded"] ?? ""), up to \(d["max_lag_hours"] ?? "") hours after they happened, no backfill declared"
        default:
            zh = finding.code
            en = finding.code
        }
        return language == .zh ? zh : en
    }
}

extension FindingState.Status {
    public var label: LocalizedText {
        switch self {
        case .open: LocalizedText(zh: "待处理", en: "open")
        case .explained: LocalizedText(zh: "已说明", en: "explained")
        case .escalated: LocalizedText(zh: "已督办", en: "escalated")
        case .dismissed: LocalizedText(zh: "已排除", en: "dismissed")
        case .rectified: LocalizedText(zh: "已整改", en: "rectified")
        }
    }
}
