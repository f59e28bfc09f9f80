/// What every optimizer offers the trainer and the learning-rate schedulers: its parameters, a
/// learning rate that may change between steps, one update, and forgetting gradients (PyTorch's
/// `torch.optim.Optimizer` with a single parameter group).
///
/// ```swift
/// let opt: Optimizer = try Adam(model.parameters(), lr: 1e-3)
/// let schedule = try StepLR(opt, stepSize: 10)
/// opt.step(); schedule.step()
/// ```
public protocol Optimizer: AnyObject {
    /// The parameters updated, in order.
    var parameters: [Parameter] { get }
    /// The learning rate of the next step.
    var lr: Double { get set }
    /// The learning rate before any scheduler changed it: PyTorch's `param_group["initial_lr"]`,
    /// set by the first scheduler attached (nil until then). Later schedulers start from it.
    var initialLR: Double? { get set }
    /// Applies one update to every parameter that has a gradient.
    func step()
    /// Forgets every parameter's gradient.
    func zeroGrad()
}

extension Optimizer {
    /// Forgets every parameter's gradient.
    public func zeroGrad() {
        for p in parameters { p.zeroGrad() }
    }
}

/// PyTorch's constructor check `if not 0.0 <= value: raise ValueError(f"Invalid {what}: {value}")`
/// (NaN fails it too), e.g. `Invalid learning rate: -1.0`.
func requireNonNegative(_ value: Double, _ what: String) throws {
    guard value >= 0 else { throw CoreError.value("Invalid \(what): \(pythonFloat(value))") }
}

/// An optimizer whose per-parameter state can be read by PyTorch's names, for checkpoints and
/// parity checks.
public protocol OptimizerParameterState: Optimizer {
    /// PyTorch's `optimizer.state[p]` for the parameter at `index` (`step` as an integer, the
    /// buffers as tensors); empty before that parameter's first update.
    func parameterState(at index: Int) -> [String: StateValue]
}
