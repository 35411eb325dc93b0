import Audit
import EventLog

/// Every fixed word of the Markdown and HTML reports, in Chinese and English.
enum ReportWording {
    static let title = LocalizedText(zh: "监督报告", en: "Oversight report")
    static let allDepartments = LocalizedText(zh: "全部部门", en: "all departments")
    static let department = LocalizedText(zh: "部门", en: "Department")
    static let period = LocalizedText(zh: "报告期", en: "Period")
    static let previousPeriod = LocalizedText(zh: "对比期（上期）", en: "Compared with")
    static let asOf = LocalizedText(zh: "数据截至", en: "As of")
    static let log = LocalizedText(zh: "日志", en: "Log")
    static let calendar = LocalizedText(zh: "工作日历", en: "Work calendar")

    static let headline = LocalizedText(zh: "一、总体情况", en: "1. Headline figures")
    static let charts = LocalizedText(zh: "图表", en: "Charts")
    static let departments = LocalizedText(zh: "二、各部门情况（按需关注程度排序）", en: "2. Departments, ranked by need for attention")
    static let weekly = LocalizedText(zh: "逐周趋势", en: "Week by week")
    static let findings = LocalizedText(zh: "三、发现的问题", en: "3. Findings")
    static let procurement = LocalizedText(zh: "四、公共资源交易：被标记的项目", en: "4. Procurement: flagged tenders")
    static let dataQuality = LocalizedText(zh: "五、数据质量", en: "5. Data quality")
    static let inspectors = LocalizedText(zh: "六、督办：超过处置时限、沿督办阶梯上报的问题", en: "6. For inspectors: findings not disposed within the escalation ladder")
    static let definitions = LocalizedText(zh: "七、口径说明", en: "7. Definitions")
    static let checking = LocalizedText(zh: "核验方法", en: "Checking the evidence")

    static let metric = LocalizedText(zh: "指标", en: "Figure")
    static let thisPeriod = LocalizedText(zh: "本期", en: "This period")
    static let lastPeriod = LocalizedText(zh: "上期", en: "Previous")
    static let change = LocalizedText(zh: "变化", en: "Change")
    static let rank = LocalizedText(zh: "排名", en: "Rank")

    static let events = LocalizedText(zh: "事件数", en: "Events")
    static let started = LocalizedText(zh: "时限事项开始", en: "Started (under a time limit)")
    static let finished = LocalizedText(zh: "时限事项办结", en: "Finished")
    static let onTime = LocalizedText(zh: "按时办结", en: "Finished on time")
    static let onTimeRate = LocalizedText(zh: "按时办结率", en: "On-time rate")
    static let handling = LocalizedText(zh: "办理用时中位数（工作日）", en: "Median handling time (working days)")
    static let overdueOpen = LocalizedText(zh: "期末超期未办结", en: "Overdue, still open at the close")
    static let findingCount = LocalizedText(zh: "发现问题", en: "Findings")
    static let red = LocalizedText(zh: "红牌", en: "Red cards")
    static let yellow = LocalizedText(zh: "黄牌", en: "Yellow cards")
    static let disposed = LocalizedText(zh: "已处置", en: "Disposed")
    static let disposalRate = LocalizedText(zh: "处置率", en: "Disposal rate")
    static let toDispose = LocalizedText(zh: "处置用时中位数（工作日）", en: "Median time to dispose (working days)")
    static let rectifiedRed = LocalizedText(zh: "红牌已整改", en: "Red cards rectified")
    static let rectificationRate = LocalizedText(zh: "红牌整改率", en: "Rectification rate (red)")

    static func severity(_ severity: Severity) -> LocalizedText {
        LocalizedText(zh: "严重程度：" + severity.label.zh, en: "Severity " + severity.label.en)
    }

    static let week = LocalizedText(zh: "周", en: "Week")
    static let dates = LocalizedText(zh: "日期", en: "Dates")

    static let card = LocalizedText(zh: "牌", en: "Card")
    static let severityColumn = LocalizedText(zh: "严重程度", en: "Severity")
    static let ruleColumn = LocalizedText(zh: "规则", en: "Rule")
    static let byRule = LocalizedText(zh: "按规则（含依据）", en: "By rule, with its basis")
    static let findingList = LocalizedText(zh: "逐条列表", en: "Each finding")
    static let due = LocalizedText(zh: "时限", en: "Due")
    static let subject = LocalizedText(zh: "对象 / 部门 / 经办人", en: "Subject / department / actor")
    static let what = LocalizedText(zh: "问题", en: "What was found")
    static let state = LocalizedText(zh: "处置状态", en: "State")
    static let evidence = LocalizedText(zh: "证据（seq · 类型 · 链头哈希前缀）", en: "Evidence (seq · type · chain head prefix)")
    static let began = LocalizedText(zh: "发生时间", en: "Began")
    static let workdaysOpen = LocalizedText(zh: "已过工作日", en: "Working days open")
    static let reached = LocalizedText(zh: "已上报至", en: "Reached")
    static let noActor = LocalizedText(zh: "（系统）", en: "(system)")
    static let none = LocalizedText(zh: "无。", en: "None.")
    static let trace = LocalizedText(zh: "痕迹", en: "Traces")
    static let data = LocalizedText(zh: "数据", en: "Data")
    static let type = LocalizedText(zh: "类型", en: "Type")
    static let at = LocalizedText(zh: "时间", en: "At")
    static let actor = LocalizedText(zh: "经办人", en: "Actor")

    static func more(_ count: Int) -> LocalizedText {
        LocalizedText(zh: "…另有 \(FigureText.count(count)) 条，见 JSON/CSV", en: "… and \(FigureText.count(count)) more in the JSON and CSV files")
    }

    static let lateEntries = LocalizedText(zh: "补录（事后录入且未声明补录）", en: "Late entries (recorded long after they happened, no backfill declared)")
    static let batches = LocalizedText(zh: "批次", en: "Batches")
    static let lateEvents = LocalizedText(zh: "事件", en: "Events")
    static let maximumLag = LocalizedText(zh: "最长滞后（小时）", en: "Longest lag (hours)")
    static let rejected = LocalizedText(zh: "被拒绝或冲突的输入", en: "Rejected or conflicting input")
    static let rejectedNote = LocalizedText(
        zh: "被拒绝的行和冲突（同一部门同一编号、内容不同）不写入日志，本报告无法统计；`ironcage ingest` 在标准错误输出中逐行报告，并可用 --rejects 文件原样保存。",
        en: "Rejected lines and conflicts (the same department and id with other content) are never stored in the log, so this report cannot count them; `ironcage ingest` reports each on stderr and can keep them verbatim with --rejects.")
    static let silent = LocalizedText(zh: "本期无事件的部门（上期有事件）", en: "Departments gone silent (events in the previous period, none in this one)")
    static let notJudged = LocalizedText(zh: "未能判定的事项", en: "Keys the audit could not judge")
    static let keys = LocalizedText(zh: "数量", en: "Keys")
    static let noCharts = LocalizedText(zh: "（无数据）", en: "(no data)")

    static let chartDepartments = LocalizedText(zh: "各部门事件数：本期与上期", en: "Events by department: this period and the previous one")
    static let chartWeekly = LocalizedText(zh: "逐周事件数与发现问题数", en: "Events and findings, week by week")
    static let chartOnTime = LocalizedText(zh: "按时办结率：本期与上期", en: "On-time rate: this period and the previous one")

    static let generated = LocalizedText(zh: "由 IronCage（数据铁笼）依据日志生成。", en: "Written by IronCage (数据铁笼) from the log.")

    /// The state as a phrase: `open, reached responsible leader`, `dismissed: reason (by, at)`.
    ///
    /// - Parameter reached: whether to name the ladder step reached (the inspectors' list has
    ///   a column of its own for it).
    static func state(_ state: FindingState, _ language: Language, offset: Int, reached: Bool = true) -> String {
        var text = state.status.label.text(language)
        if reached, let to = state.escalatedTo { text += language == .zh ? "，已上报至" + to.zh : ", reached " + to.en }
        if let last = state.last, state.status != .open {
            let when = last.at.string(offsetSeconds: offset)
            let reason = last.reason.isEmpty ? "" : (language == .zh ? "：" : ": ") + last.reason
            text += reason + (language == .zh ? "（\(last.by)，\(when)）" : " (\(last.by), \(when))")
        }
        if !state.active { text += language == .zh ? "［已销号］" : " [no longer active]" }
        return text
    }

    /// The period in words: `2026年10月`, `October 2026`, `2026年第44周`, `Week 44 of 2026` …
    static func name(of period: ReportPeriod, _ language: Language) -> String {
        let zh = language == .zh
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        let first = period.first
        switch period.unit {
        case .day: return zh ? "\(first.year)年\(first.month)月\(first.day)日" : "\(first.day) \(months[first.month - 1]) \(first.year)"
        case .week:
            let week = ISOWeek(containing: first)
            return zh ? "\(week.year)年第\(week.week)周" : "Week \(week.week) of \(week.year)"
        case .month: return zh ? "\(first.year)年\(first.month)月" : "\(months[first.month - 1]) \(first.year)"
        case .quarter:
            let quarter = (first.month - 1) / 3 + 1
            return zh ? "\(first.year)年第\(["一", "二", "三", "四"][quarter - 1])季度" : "Q\(quarter) \(first.year)"
        case .year: return zh ? "\(first.year)年" : "\(first.year)"
        case nil: return zh ? "\(period.first) 至 \(period.last)" : "\(period.first) to \(period.last)"
        }
    }

    /// `2026-10-01 – 2026-10-31`.
    static func span(of period: ReportPeriod) -> String {
        period.first == period.last ? period.first.description : "\(period.first) – \(period.last)"
    }

    /// What each figure counts, one paragraph each (the same as `PeriodFigures`'s documentation).
    static let definitionList: [LocalizedText] = [
        LocalizedText(
            zh: "一切按“数据截至”时点判定：只计发生时间（at）不晚于该时点的事件；红黄牌和处置状态均为该时点的状态。本期与上期按同一时点判定，因此上期的问题已有更长的处置时间。",
            en: "Everything is judged as of the as-of instant: only events that happened (at) by then count, and cards and dispositions are as they stood then. Both periods are judged as of the same instant, so the previous period's findings have had longer to be disposed of."),
        LocalizedText(
            zh: "事件数：发生时间在报告期内的部门事件；日志自身的记录（log.*、补录声明）和处置记录（finding.*）不计。",
            en: "Events: department events that happened in the period; the log's own records (log.*, backfill declarations) and dispositions (finding.*) are not counted."),
        LocalizedText(
            zh: "时限事项开始：时限规则（deadline）的计时在报告期内开始，即开始事件发生时该规则对同一对象没有正在进行的计时。同一对象受两项时限约束（如法定20个工作日和承诺时限）时分别计数。",
            en: "Started: a deadline rule's clock opened in the period — a start event that found no clock of that rule running for its key. A subject bound by two limits (the statutory 20 working days and a promised time) is counted under each."),
        LocalizedText(
            zh: "办结：计时在报告期内被其后第一个结束事件终止。按时办结：结束时间不晚于到期时点，即规则未判定为“超期办结”（closed_late）；按时办结率 = 按时办结 ÷ 办结。",
            en: "Finished: a clock closed in the period by the first stop event after its start. On time: closed at or before its due instant, i.e. not found closed_late by the rule; on-time rate = finished on time ÷ finished."),
        LocalizedText(
            zh: "办理用时：每件办结事项从开始日之后到结束日（含）的工作日数（《行政许可法》第八十二条的计算方法，当日办结为0），取中位数。",
            en: "Handling time: for each finished clock, the working days after the day it started up to and including the day it stopped (Administrative Licensing Law art. 82; 0 on the same day); the median."),
        LocalizedText(
            zh: "期末超期未办结：在报告期结束时（或数据截至时点，取较早者）仍未办结且已过到期时点的计时，不论何时开始。",
            en: "Overdue, still open: clocks still running at the period's close (its end, or the as-of instant if earlier) whose due instant had passed, whenever they started."),
        LocalizedText(
            zh: "发现问题：开始时间在报告期内的发现；红牌、黄牌为截至时点所示的牌色；部门为锚定事件的部门。",
            en: "Findings: findings that began in the period; red and yellow are the cards they show as of the as-of instant; a finding's department is its anchoring event's."),
        LocalizedText(
            zh: "已处置：已说明、已排除或已整改（上报督办不算处置）；处置率 = 已处置 ÷ 发现问题；处置用时为从问题发生日之后到最后一次处置日（含）的工作日数的中位数。",
            en: "Disposed: explained, dismissed or rectified (escalation is not disposal); disposal rate = disposed ÷ findings; time to dispose: the working days after the day a finding began up to its last disposition, the median."),
        LocalizedText(
            zh: "红牌整改率 = 已整改的红牌 ÷ 红牌（红牌只有整改后才销号：整改不完成，预警不变色）。",
            en: "Rectification rate = red findings rectified ÷ red findings (a red card turns off only when rectified)."),
        LocalizedText(
            zh: "部门排序：红牌多者在前，其次期末超期未办结多、黄牌多、按时办结率低（无办结者在后）、事件多，最后按名称。",
            en: "Departments are ranked by red cards (most first), then overdue still open, yellow cards, on-time rate (lowest first, none last), events, and name."),
        LocalizedText(
            zh: "督办：截至时点仍有效、未说明、未排除、未整改，且已按督办阶梯上报（或被手动上报）的问题，不论何时发生。",
            en: "For inspectors: findings active as of the as-of instant, neither explained, dismissed nor rectified, that have climbed the escalation ladder (or were escalated by hand), whenever they began."),
    ]

    /// How a reader checks the evidence.
    static let checkingText = LocalizedText(
        zh: "每条证据给出日志序号 seq 及该事件处存储的链头哈希 head[seq] 的前缀（JSON 和 CSV 中为完整哈希，并附叶哈希 leaf = SHA-256(0x00 ‖ 事件存储字节)）。`ironcage verify` 从日志开头重算每一个链头；`ironcage trail 对象 --format ndjson` 输出事件的存储字节，可据此重算叶哈希。报告开头的日志大小和链头可与检查点（`ironcage checkpoint`）比对。",
        en: "Each piece of evidence gives the log's seq and a prefix of the chain head stored with that event, head[seq] (the JSON and CSV files give the full hash and the leaf hash, leaf = SHA-256(0x00 ‖ the stored bytes)). `ironcage verify` recomputes every head from the start of the log; `ironcage trail SUBJECT --format ndjson` prints the stored bytes, from which the leaf hash can be recomputed. The log size and head at the top of the report can be compared with a checkpoint (`ironcage checkpoint`).")
}
