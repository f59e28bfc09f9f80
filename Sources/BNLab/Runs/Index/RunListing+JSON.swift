import Foundation

/// `bnlab runs --json`: the listing as one JSON document, for scripts and notebooks.
extension RunListing {
    /// One run of the JSON listing: the summary's fields, its file and its start as ISO 8601 text.
    private struct JSONRun: Encodable {
        var summary: RunSummary
        var dates: ISO8601DateFormatter

        enum Keys: String, CodingKey { case file, path, started, status }

        func encode(to encoder: any Encoder) throws {
            try summary.encode(to: encoder)   // the index's fields, then these override or add
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(summary.url?.lastPathComponent ?? "", forKey: .file)
            try c.encode(summary.url?.path ?? "", forKey: .path)
            try c.encode(dates.string(from: summary.started), forKey: .started)
            try c.encode(summary.statusText(), forKey: .status)
        }
    }

    /// `{"runs":[{file, path, experiment, variant, run_id, seed, started, status, steps, epochs,
    /// planned_epochs, train_images, test_images, train_loss, accuracy, lr, batch_size, momentum, …}],
    /// "unreadable":[…]}`, newest first; non-finite losses are the strings `"nan"`, `"inf"`, `"-inf"`
    /// as in run files.
    public func jsonDocument() -> Data {
        struct Document: Encodable {
            var runs: [JSONRun]
            var unreadable: [String]
        }
        let dates = ISO8601DateFormatter()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let document = Document(runs: runs.map { JSONRun(summary: $0, dates: dates) }, unreadable: failures.map(\.description))
        return (try? encoder.encode(document)) ?? Data("{\"runs\":[],\"unreadable\":[]}".utf8)
    }
}
