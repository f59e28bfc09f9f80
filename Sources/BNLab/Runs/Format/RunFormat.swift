import Foundation

/// The constants and JSON settings of the run file format (see `docs/run-format.md`).
///
/// A run file is JSON Lines: a ``RunHeader`` object on the first line, then one ``RunEvent``
/// object per line. Non-finite numbers are written as the strings `"nan"`, `"inf"` and `"-inf"`
/// (JSON has no literal for them); dates as ISO 8601 text in UTC.
public enum RunFormat {
    /// The `format` field of every header.
    public static let name = "bnlab-run"
    /// The version this bnlab writes; it reads every `1.x`.
    public static let version = FormatVersion(major: 1, minor: 1)
    /// The file extension, without the dot.
    public static let fileExtension = "jsonl"

    /// The encoder for one line: compact, non-finite numbers as strings, ISO 8601 dates.
    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]   // same run, same bytes
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(formatDate(date))
        }
        return encoder
    }

    /// The decoder for one line: accepts what the encoder writes and ISO 8601 dates with or
    /// without fractional seconds and with any UTC offset. Plain JSON only: the JSON5 scanner
    /// traps on invalid UTF-8, so the bare `NaN` / `Infinity` tokens Python writes are turned
    /// into strings by ``JSONLineCleaner`` before a line reaches it.
    static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parseDate(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not an ISO 8601 date like 2025-01-31T12:00:00Z (years 1 … 9999)")
            }
            return date
        }
        return decoder
    }

    /// `2025-01-31T12:00:00Z`.
    static func formatDate(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// The dates a run file may hold: years 1 … 9999 (0001-01-01T00:00:00Z … 9999-12-31T23:59:59Z),
    /// the years ISO 8601 writes with four digits; the formatter would show year 9999999 as 1758982.
    static let dateRange = Date(timeIntervalSince1970: -62_135_596_800)...Date(timeIntervalSince1970: 253_402_300_799)

    /// Parses ISO 8601 text with or without fractional seconds, in ``dateRange``.
    static func parseDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let date = formatter.date(from: text) ?? {
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return formatter.date(from: text)
        }()
        return date.flatMap { dateRange.contains($0) ? $0 : nil }
    }
}
