@testable import Audit
import EventLog
import Foundation
import Testing

/// The audit command lists findings from `AuditListing`: counted from the stored cards and
/// streamed from the projections, it must say exactly what the whole `AuditResult` says.
@Suite("AuditListing: counts and listings streamed from the projections")
struct AuditListingTests {
    /// The samples, then dispositions: one finding rectified, a yellow one explained (both
    /// inactive now), a red one explained (still active: 预警不变色).
    private func disposedSampleLog(_ rules: RuleSet) throws -> (ScratchLog, AuditResult) {
        let log = try ScratchLog()
        for stream in SampleLog.streams { try log.ingest(file: stream) }
        try SampleLog.declareBackfill(in: log)
        let before = try log.engine(rules).audit(asOf: SampleLog.asOf)
        let red = before.findings.filter { $0.level == .red }
        let yellow = before.findings.filter { $0.level == .yellow }
        let chosen = [(red[0].finding.id, "finding.rectified"), (yellow[0].finding.id, "finding.explained"), (red[1].finding.id, "finding.explained")]
        try log.append(chosen.enumerated().map { number, pick in
            (#"{"id":"D-\#(number)","type":"\#(pick.1)","at":"2026-11-20T23:59:59+08:00","dept":"oversight","actor":"inspector:1","subject":"finding:\#(pick.0)","data":{"finding":"\#(pick.0)","reason":"checked"}}"#, nil)
        })
        return (log, try log.engine(rules).audit(asOf: SampleLog.asOf))
    }

    @Test("every filter counts and lists exactly the whole result's findings it admits, in order")
    func filtersAgreeWithTheResult() throws {
        let rules = try ShippedRules.set.get()
        let (log, result) = try disposedSampleLog(rules)
        #expect(result.findings.count { !$0.state.active } == 2)
        let engine = try log.engine(rules)
        let listing = try engine.listing(asOf: SampleLog.asOf)
        #expect(listing.mode == .projection)
        let someDept = result.findings[result.findings.count / 2].finding.dept
        let filters = [
            FindingFilter(), .everything, FindingFilter(dept: someDept), FindingFilter(level: .red), FindingFilter(level: .yellow, includeInactive: true),
            FindingFilter(rules: Set(rules.rules(inPack: rules.rules[0].pack).map(\.id)), level: .red),
            FindingFilter(rules: [], includeInactive: true),
        ]
        for filter in filters {
            let expected = result.findings.filter(filter.admits)
            var listed: [String] = []
            try listing.forEach(filter) { listed.append($0.finding.id + " " + $0.state.status.rawValue + " " + $0.level.rawValue) }
            #expect(listed == expected.map { $0.finding.id + " " + $0.state.status.rawValue + " " + $0.level.rawValue })
            let counted = try listing.count(filter)
            #expect(counted.findings == expected.count)
            #expect(counted.red == expected.count { $0.level == .red })
        }
        // Every finding of the samples is listed; two are inactive.
        #expect(try listing.count(.everything).findings == result.findings.count)
        #expect(try listing.count(FindingFilter()).findings == result.findings.count - 2)
        #expect(try listing.count(FindingFilter(rules: [], includeInactive: true)).findings == 0)
    }

    @Test("an instant before the latest event lists the replayed findings with the same filters")
    func replayedListing() throws {
        let rules = try ShippedRules.set.get()
        let (log, _) = try disposedSampleLog(rules)
        let engine = try log.engine(rules)
        let earlier = instant("2026-11-20T16:23:51+08:00")
        let whole = try engine.audit(asOf: earlier)
        let listing = try engine.listing(asOf: earlier)
        #expect(listing.mode == .replay)
        var listed: [String] = []
        try listing.forEach(.everything) { listed.append($0.finding.id) }
        #expect(listed == whole.findings.map(\.finding.id))
        #expect(try listing.count(FindingFilter(level: .red)).red == whole.findings.count { $0.level == .red && $0.state.active })
    }
}
