/// What a `diagnostic` event reports. Open-ended: kinds from newer writers are kept as written.
public struct DiagnosticKind: OpenKind {
    /// The kind as written, e.g. `frozen_bn_moving`.
    public var rawValue: String

    /// A kind from its written form.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A BatchNorm layer was in train mode during evaluation.
    public static let bnTrainModeInEval = DiagnosticKind(rawValue: "bn_train_mode_in_eval")
    /// Parameters frozen, running statistics still moving.
    public static let frozenBNMoving = DiagnosticKind(rawValue: "frozen_bn_moving")
    /// A batch with one value per channel.
    public static let singleValuePerChannel = DiagnosticKind(rawValue: "single_value_per_channel")
    /// running_var shrank towards 0.
    public static let runningVarCollapse = DiagnosticKind(rawValue: "running_var_collapse")
    /// running_var grew without bound.
    public static let runningVarExplode = DiagnosticKind(rawValue: "running_var_explode")
    /// A small per-process batch in a data-parallel run without SyncBatchNorm.
    public static let smallBatchWithoutSync = DiagnosticKind(rawValue: "small_batch_without_sync")
    /// A BatchNorm layer ran more training forwards than the model between two steps (activation
    /// checkpointing's recompute, or a layer used twice), so it updated its running statistics each time.
    public static let bnForwardRepeated = DiagnosticKind(rawValue: "bn_forward_repeated")
    /// The loss grew by orders of magnitude.
    public static let lossExploding = DiagnosticKind(rawValue: "loss_exploding")
}
