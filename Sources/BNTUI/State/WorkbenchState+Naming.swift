extension WorkbenchState {
    /// The names of `shown` (some of ``runs``, same order) by the one naming rule among all the
    /// session's runs, so a legend says `bn s3` where the runs panel lists `#3 bn s3`.
    func names(of shown: [RunRecord]) -> [String] {
        shown.map { run in run.label(among: runs.contains { $0.id == run.id } ? runs : runs + [run]) }
    }
}
