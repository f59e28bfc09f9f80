/// AdamW, PyTorch's `torch.optim.AdamW`: Adam whose weight decay shrinks the parameter directly,
/// `p = p·(1 - lr·wd)`, before the moments are updated, so it never enters m or v. Its default
/// weight decay is 0.01. The update is ``Adam``'s otherwise.
public final class AdamW: Adam {
    /// An optimizer over `parameters` with PyTorch's defaults; throws PyTorch's errors for
    /// invalid settings.
    public init(_ parameters: [Parameter], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
                eps: Double = 1e-8, weightDecay: Double = 1e-2, amsgrad: Bool = false) throws {
        try super.init(parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad,
                       decoupledWeightDecay: true)
    }
}
