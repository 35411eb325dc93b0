public import EventLog

/// The running clock of one legal time limit: when it started, when it was stopped and
/// resumed, when it was restarted, and by how much it was extended.
///
/// A rule evaluator feeds a case's events to a clock in time order and asks
/// ``due(in:)`` whether the closing act came in time, and ``used(at:in:)`` how much of
/// the limit has gone for yellow warnings. The rules, from the architecture's "Time and
/// work calendars" and the laws they come from:
///
/// - **Stops** (听证, 招标, 拍卖, 检验, 检测, 检疫, 鉴定, 专家评审): 行政许可法 art. 45 says the
///   time they take "不计算在本节规定的期限内"; 刑事诉讼法 art. 149 likewise leaves a
///   psychiatric appraisal out of the custody period. A pause on day *P* resumed on day
///   *R* leaves out the counted days after *P* up to and including *R* (working days for
///   ``DeadlineLimit/workdays(_:)``, calendar days for ``DeadlineLimit/calendarDays(_:)``
///   and ``DeadlineLimit/proceduralDays(_:)``); day *P* itself has been used. For
///   ``DeadlineLimit/hours(_:)`` the paused time itself is left out.
/// - **Restart** (补正): when an applicant completes missing materials the period runs
///   afresh from their receipt (行政许可法 art. 32 (4): 受理 follows the complete
///   materials; 政府信息公开条例 art. 30: "答复期限自行政机关收到补正的申请之日起计算").
/// - **Extensions**: an approved extension adds units of the limit's own kind
///   (行政许可法 art. 42: twenty days, "经本行政机关负责人批准，可以延长十日").
///
/// Edge decisions:
///
/// - *Pause and resume on the same day* leaves out no day (nothing lies after *P* up to
///   *R*); for an hours limit the paused time is still left out.
/// - *A pause on a non-working day* leaves out the working days after it through *R*,
///   like any other pause; the day of the pause was not going to count anyway.
/// - *A pause that begins after the limit has run out* is ignored: the act was already
///   late, and a hearing ordered afterwards cannot make it on time. Stops are taken in
///   order, each judged against the due instant the stops before it give.
/// - *Restart during a pause* ends the pause: the new period runs from the restart,
///   with earlier stops **and earlier extensions** forgotten (an extension lengthens the
///   period it was granted in; 补正 starts a new one).
/// - *Extension while paused* is accepted and counts once the clock runs again.
/// - *Events out of order or repeated*: a second pause while paused, or a resume while
///   running, is ignored (the first stop event stands); a pause before the start or
///   before the previous resume is taken at that instant, and a resume before its pause
///   at the pause, so that a bad stream cannot make time run backwards.
public struct DeadlineClock: Sendable, Equatable {
    /// One completed stop of the clock.
    public struct Stop: Sendable, Equatable {
        /// When the clock stopped.
        public let pausedAt: Instant
        /// When it ran again; never before ``pausedAt``.
        public let resumedAt: Instant

        /// Creates a stop.
        ///
        /// - Parameters:
        ///   - pausedAt: When the clock stopped.
        ///   - resumedAt: When it ran again; earlier than `pausedAt` is a programming
        ///     mistake and traps.
        public init(pausedAt: Instant, resumedAt: Instant) {
            precondition(resumedAt >= pausedAt, "DeadlineClock.Stop: resumed before it paused")
            self.pausedAt = pausedAt
            self.resumedAt = resumedAt
        }
    }

    /// The limit being counted.
    public let limit: DeadlineLimit
    /// When counting started: the start event, or the latest restart.
    public private(set) var start: Instant
    /// The completed stops since ``start``, in order.
    public private(set) var stops: [Stop]
    /// When the current stop began, while the clock is stopped.
    public private(set) var pausedSince: Instant?
    /// The total of the approved extensions since ``start``, in the limit's units.
    public private(set) var extensions: Int

    /// Starts a clock.
    ///
    /// - Parameters:
    ///   - limit: The limit; a negative amount is a programming mistake and traps.
    ///   - start: The start event's instant (受理, 立案, 拘留 …). Its local day is day *D*,
    ///     which is not counted.
    public init(limit: DeadlineLimit, start: Instant) {
        precondition(limit.amount >= 0, "DeadlineClock: negative limit")
        self.limit = limit
        self.start = start
        self.stops = []
        self.pausedSince = nil
        self.extensions = 0
    }

    /// Whether the clock is stopped.
    public var isPaused: Bool { pausedSince != nil }

    /// Stops the clock (听证, 检测, 鉴定, 专家评审 … begins).
    ///
    /// Ignored while already stopped. An instant before the start or before the last
    /// resume is taken as that instant.
    ///
    /// - Parameter instant: When the stop began.
    public mutating func pause(at instant: Instant) {
        guard pausedSince == nil else { return }
        pausedSince = max(instant, stops.last?.resumedAt ?? start)
    }

    /// Runs the clock again after a stop.
    ///
    /// Ignored while running. An instant before the pause is taken as the pause's.
    ///
    /// - Parameter instant: When the stop ended.
    public mutating func resume(at instant: Instant) {
        guard let since = pausedSince else { return }
        stops.append(Stop(pausedAt: since, resumedAt: max(instant, since)))
        pausedSince = nil
    }

    /// Counts afresh from `instant` (补正 received): earlier stops, a stop in progress and
    /// earlier extensions are forgotten, and the clock runs.
    ///
    /// - Parameter instant: When the period starts again; its local day is not counted.
    public mutating func restart(at instant: Instant) {
        start = instant
        stops = []
        pausedSince = nil
        extensions = 0
    }

    /// Lengthens the limit by an approved extension, in the limit's own units (working
    /// days for a working-day limit, hours for an hours limit …).
    ///
    /// Accepted while stopped. Whether the approval itself came in time (before the
    /// limit ran out, as 行政许可法 art. 42 requires) is for the rule to judge against
    /// ``due(in:)`` before calling this.
    ///
    /// - Parameter amount: The units added; negative is a programming mistake and traps.
    public mutating func extend(by amount: Int) {
        precondition(amount >= 0, "DeadlineClock: negative extension")
        extensions += amount
    }
}
