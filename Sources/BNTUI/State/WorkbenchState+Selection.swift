extension WorkbenchState {
    /// The highlighted run, if any.
    public var selectedRunRecord: RunRecord? {
        runs.indices.contains(selectedRun) ? runs[selectedRun] : nil
    }

    /// The experiment the main area is about: the selected run's when the run queue has the focus,
    /// else the highlighted experiment.
    public var currentExperiment: ExperimentInfo? {
        if focus == .runs, let run = selectedRunRecord,
           let experiment = experiments.first(where: { $0.id == run.experimentID }) {
            return experiment
        }
        return experiments.indices.contains(selectedExperiment) ? experiments[selectedExperiment] : nil
    }

    /// The runs the charts compare: for each variant of the current experiment (each rank of a
    /// data-parallel run's files: a line each), the selected run when it is that variant (and the
    /// queue has the focus), else the variant's latest run.
    public var chartRuns: [RunRecord] {
        // A replay overlays every run opened, whatever its experiment.
        if replay != nil { return runs }
        guard let experiment = currentExperiment else { return [] }
        let mine = runs.filter { $0.experimentID == experiment.id }
        func line(_ run: RunRecord) -> String { run.rank.map { "\(run.variant)\u{1F}\($0)" } ?? run.variant }
        var lines = experiment.variants.map(\.name)
        for run in mine where !lines.contains(line(run)) { lines.append(line(run)) }
        let pinned = focus == .runs ? selectedRunRecord : nil
        return lines.compactMap { key in
            if let pinned, pinned.experimentID == experiment.id, line(pinned) == key { return pinned }
            return mine.last { line($0) == key }
        }
    }

    /// The run whose BN statistics are shown: the selected run when the queue has the focus and it has
    /// snapshots, else the first chart run with snapshots.
    public var statsRun: RunRecord? {
        if focus == .runs, let run = selectedRunRecord, !run.layerNames.isEmpty { return run }
        return chartRuns.first { !$0.layerNames.isEmpty }
    }

    /// The BN layer shown: the chosen one when the stats run has it, else its first layer.
    public var shownLayer: String? {
        guard let run = statsRun else { return nil }
        if let chosen = bnLayer, run.layerNames.contains(chosen) { return chosen }
        return run.layerNames.first
    }

    /// Runs still queued, running or paused.
    public var activeRunCount: Int {
        liveRecords.filter { $0.state.isActive }.count
    }

    /// The live runs' records, whether shown or set aside behind a replay (replayed runs are files).
    public var liveRecords: [RunRecord] {
        replay == nil ? runs : (liveRuns ?? [])
    }

    /// The momentum of `run`'s variant, when the catalog knows it.
    public func bnMomentum(of run: RunRecord) -> Double? {
        experiments.first { $0.id == run.experimentID }?.variant(named: run.variant)?.bnMomentum
    }
}
