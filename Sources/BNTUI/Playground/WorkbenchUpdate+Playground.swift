import BNLab

/// The playground (`e`): opening the form, its keys, and the catalog coming back after `w`.
extension WorkbenchUpdate {
    /// Opens the form over the highlighted experiment, starting from the selected run's variant
    /// when the run queue has the focus, else from its first variant.
    static func openPlayground(state: inout WorkbenchState) -> [WorkbenchEffect] {
        if state.replay != nil {
            state.status = StatusMessage("replaying saved runs: W goes back to the live runs, where e opens the playground")
            return []
        }
        guard let experiment = state.currentExperiment else { return [] }
        if let problem = experiment.problem {
            state.status = StatusMessage("\(experiment.id) cannot be edited: \(problem)", isError: true)
            return []
        }
        var index = 0
        if state.focus == .runs, let run = state.selectedRunRecord, run.experimentID == experiment.id,
           let i = experiment.spec?.variants.firstIndex(where: { $0.name == run.variant }) {
            index = i
        }
        guard var form = PlaygroundForm(experiment: experiment, variantIndex: index) else {
            state.status = StatusMessage("\(experiment.id) has no experiment file here: the playground edits the catalog's experiments")
            return []
        }
        form.move(by: 1)
        state.overlay = .playground(form)
        return []
    }

    /// A key while the form is open (see ``PlaygroundKeys``).
    static func playgroundKey(_ key: Key, form: PlaygroundForm, state: inout WorkbenchState) -> [WorkbenchEffect] {
        var form = form
        var effects: [WorkbenchEffect] = []
        switch key {
        case .escape, .control("c"):
            state.overlay = nil
            state.status = StatusMessage("playground closed, nothing trained")
            return []
        case .up, .backTab: form.move(by: -1)
        case .down, .tab: form.move(by: 1)
        case .left: form.cycle(by: -1)
        case .right, .character(" "): form.cycle(by: 1)
        case .backspace: form.deleteBackward()
        case .enter, .character(PlaygroundKeys.write):
            switch form.outcome {
            case .success(let variant) where key == .enter:
                state.overlay = nil
                state.status = StatusMessage("training \(variant.spec.id)/\(variant.name)")
                return [.startPlayground(variant)]
            case .success(let variant):
                state.status = StatusMessage("writing \(variant.spec.id)-\(variant.name)…")
                effects = [.writePlayground(variant)]
            case .failure:
                if let knob = form.failingKnob { form.select(knob) }
                state.status = StatusMessage("\(key == .enter ? "cannot train" : "cannot write"): fix the value marked !",
                                             isError: true)
            }
        case .character(let c):
            if case .knob(let knob) = form.currentRow, knob.choices == nil {
                form.type(c)
            } else {
                state.status = StatusMessage("←/→ or Space change this choice")
            }
        default:
            break
        }
        state.overlay = .playground(form)
        return effects
    }

    /// The catalog read again after the playground wrote `file` (experiment `experimentID`): the
    /// list shows it, the highlighted experiment stays highlighted.
    static func playgroundWritten(file: String, experimentID: String, experiments: [ExperimentInfo],
                                  state: inout WorkbenchState) {
        let selected = state.experiments.indices.contains(state.selectedExperiment) ? state.experiments[state.selectedExperiment].id : nil
        state.experiments = experiments
        state.selectedExperiment = experiments.firstIndex { $0.id == selected } ?? min(state.selectedExperiment, max(0, experiments.count - 1))
        if case .playground(var form) = state.overlay {
            form.written = file
            state.overlay = .playground(form)
        }
        state.status = StatusMessage("wrote \(file): experiment \(experimentID) is in the catalog")
    }
}
