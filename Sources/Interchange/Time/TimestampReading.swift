import EventLog

/// Turns a timestamp as written in a record into the text of an envelope's `at`.
enum TimestampReading {
    /// Why a timestamp gives no `at`.
    struct Failure: Error, Equatable {
        var reason: ImportProblem.Reason
    }

    /// The RFC 3339 text for a timestamp.
    ///
    /// - Parameters:
    ///   - timestamp: The bytes as written.
    ///   - format: How it is written.
    ///   - zone: The zone for a local time.
    ///   - keepingRFC3339: Whether a timestamp that already is RFC 3339 with an offset
    ///     is kept byte for byte (XES), rather than written afresh.
    /// - Returns: The text, or why there is none.
    static func text(
        _ timestamp: UnsafeRawBufferPointer, format: DateTimeFormat, zone: ImportTimeZone?, keepingRFC3339: Bool
    ) -> Result<String, Failure> {
        if keepingRFC3339, Instant(rfc3339: timestamp) != nil {
            return .success(String(decoding: timestamp, as: UTF8.self))
        }
        guard let civil = format.parse(timestamp) else {
            return .failure(Failure(reason: .badTimestamp(expected: format.description)))
        }
        do throws(CivilDateTime.Failure) {
            return .success(try civil.rfc3339(in: zone))
        } catch .noOffset {
            return .failure(Failure(reason: .timestampWithoutOffset))
        } catch {
            return .failure(Failure(reason: .badTimestamp(expected: format.description)))
        }
    }
}
