import EventLog

/// A legal time limit: how long, and how the law counts it.
///
/// Chinese law counts time limits in four ways, which differ in which days count and
/// where the limit ends:
///
/// | case | counts | ends | law |
/// |---|---|---|---|
/// | ``workdays(_:)`` | working days after the start day | end of the *N*th working day after the start day | 行政许可法 arts. 42, 82 |
/// | ``calendarDays(_:)`` | calendar days after the start day | end of day *D* + *N* | 刑事诉讼法 art. 105 for a person in custody |
/// | ``hours(_:)`` | elapsed time | start + *N* hours exactly | 刑事诉讼法 art. 105 (期间以时计算) |
/// | ``proceduralDays(_:)`` | calendar days after the start day | end of day *D* + *N*, moved to the next working day when that is not one | 刑事诉讼法 art. 105, 民事诉讼法 art. 85, 行政诉讼法 art. 101 |
///
/// In every case the start day *D* itself is not counted: 行政许可法 art. 82 with art. 42's
/// "自受理行政许可申请之日起二十日内" as the architecture reads it, and 刑事诉讼法 art. 105
/// in so many words ("期间开始的时和日不算在期间以内").
public enum DeadlineLimit: Sendable, Equatable, CustomStringConvertible {
    /// *N* working days (工作日): the limit ends at the end of the *N*th working day after
    /// the start day, weekends and statutory holidays skipped and make-up working days
    /// counted.
    ///
    /// 行政许可法 art. 82: "本法规定的行政机关实施行政许可的期限以工作日计算，不含法定节
    /// 假日"; art. 42: a licensing decision within 20 (working) days of acceptance,
    /// extendable by 10 with the head of the organ's approval.
    case workdays(Int)

    /// *N* calendar days: the limit ends at the end of day *D* + *N*, whatever day that
    /// is.
    ///
    /// Used where the law does not move a last day that falls on a holiday, notably
    /// 刑事诉讼法 art. 105's proviso that a suspect's or defendant's period in custody
    /// ends on its last day "不得因节假日而延长".
    case calendarDays(Int)

    /// *N* hours: the limit ends exactly *N* hours after the start instant.
    ///
    /// 刑事诉讼法 art. 105 counts some periods in hours (for example the 24 hours within
    /// which a detainee must be sent to a detention house, art. 85). The start instant is
    /// used as it is, the stricter reading of "期间开始的时不算在期间以内".
    case hours(Int)

    /// *N* procedural days (期间以日计算): calendar days, the start day not counted; when
    /// the last day is not a working day, the limit ends at the end of the next working
    /// day.
    ///
    /// 刑事诉讼法 art. 105: "期间的最后一日为节假日的，以节假日后的第一日为期满日期";
    /// its civil twin is 民事诉讼法 art. 85 (期间届满的最后一日是法定休假日的，以法定休假日
    /// 后的第一日为期间届满的日期), which 行政诉讼法 art. 101 applies to administrative
    /// litigation. Weekends count as 节假日 here, and a make-up working day (调休上班) does
    /// not, so the work calendar decides.
    case proceduralDays(Int)

    /// How many units the limit grants.
    public var amount: Int {
        switch self {
        case .workdays(let n), .calendarDays(let n), .hours(let n), .proceduralDays(let n): n
        }
    }

    /// For example `20 working days`, `3 procedural days`, `24 hours`.
    public var description: String {
        switch self {
        case .workdays(let n): "\(n) working day\(n == 1 ? "" : "s")"
        case .calendarDays(let n): "\(n) calendar day\(n == 1 ? "" : "s")"
        case .hours(let n): "\(n) hour\(n == 1 ? "" : "s")"
        case .proceduralDays(let n): "\(n) procedural day\(n == 1 ? "" : "s")"
        }
    }
}
