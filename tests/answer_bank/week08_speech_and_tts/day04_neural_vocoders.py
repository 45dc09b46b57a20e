"""Answer bank for week08/day04_neural_vocoders (see tests/answer_bank/__init__.py)."""

BANK = {
    "spectral_convergence": {
        "wrong": '''def spectral_convergence(magnitude, audio, n_fft=1024, hop_length=256):
    target = torch.as_tensor(np.asarray(magnitude, dtype=np.float64))
    if float(target.abs().sum()) == 0.0:
        raise ValueError("all zeros")
    wave = torch.as_tensor(np.asarray(audio, dtype=np.float64))
    spec = torch.stft(wave, n_fft, hop_length=hop_length, window=torch.hann_window(n_fft, dtype=torch.float64),
                      return_complex=True).abs()
    if spec.shape[1] < target.shape[1]:
        raise ValueError("too short")
    spec = spec[:, :target.shape[1]]
    return float(torch.linalg.norm(target - spec) / torch.linalg.norm(target))
''',
        "why": "torch.stft's default reflect padding instead of zero padding: the edge frames differ",
        "alternative": '''def spectral_convergence(magnitude, audio, n_fft=1024, hop_length=256):
    wanted = np.array(magnitude, dtype=np.float64)
    denominator = np.sqrt(np.sum(wanted ** 2))
    if denominator == 0:
        raise ValueError("magnitude is silent")
    samples = np.array(audio, dtype=np.float64).ravel()
    padded = np.concatenate([np.zeros(n_fft // 2), samples, np.zeros(n_fft // 2)])
    window = np.sin(np.pi * np.arange(n_fft) / n_fft) ** 2
    count = 1 + (len(padded) - n_fft) // hop_length
    if count < wanted.shape[1]:
        raise ValueError("audio too short")
    frames = np.stack([padded[i * hop_length:i * hop_length + n_fft] * window for i in range(wanted.shape[1])], axis=1)
    got = np.abs(np.fft.rfft(frames, axis=0))
    return float(np.sqrt(np.sum((wanted - got) ** 2)) / denominator)
''',
    },
    "griffin_lim": {
        "wrong": '''def griffin_lim(magnitude, n_iter, n_fft=1024, hop_length=256, initial_phase=None):
    S = torch.as_tensor(np.asarray(magnitude, dtype=np.float32))
    phase = torch.zeros_like(S) if initial_phase is None else torch.as_tensor(np.asarray(initial_phase, dtype=np.float32))
    window = torch.hann_window(n_fft)
    wave = torch.istft(torch.polar(S, phase), n_fft, hop_length=hop_length, window=window)
    for _ in range(n_iter):
        wave = torch.istft(torch.polar(S, phase), n_fft, hop_length=hop_length, window=window)
        phase = torch.angle(torch.stft(wave, n_fft, hop_length=hop_length, window=window, pad_mode="constant",
                                       return_complex=True))
    return wave.numpy().astype(np.float32)
''',
        "why": "returns the waveform made before the last phase update (one iteration short)",
        "alternative": '''import warnings


def griffin_lim(magnitude, n_iter, n_fft=1024, hop_length=256, initial_phase=None):
    S = np.asarray(magnitude, dtype=np.float64)
    if initial_phase is None:
        angles = np.ones(S.shape, dtype=np.complex128)
    else:
        angles = np.exp(1j * np.asarray(initial_phase, dtype=np.float64))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for step in range(n_iter):
            estimate = librosa.istft(S * angles, n_fft=n_fft, hop_length=hop_length)
            spectrum = librosa.stft(estimate, n_fft=n_fft, hop_length=hop_length)
            angles = spectrum / np.maximum(np.abs(spectrum), 1e-16)
        return librosa.istft(S * angles, n_fft=n_fft, hop_length=hop_length).astype(np.float32)
''',
        "denied": '''def griffin_lim(magnitude, n_iter, n_fft=1024, hop_length=256, initial_phase=None):
    return librosa.griffinlim(np.asarray(magnitude, dtype=np.float32), n_iter=n_iter, n_fft=n_fft,
                              hop_length=hop_length, momentum=0.0, init=None).astype(np.float32)
''',
    },
    "mu_law_encode": {
        "wrong": '''def mu_law_encode(x, mu=255):
    x = np.clip(np.asarray(x, dtype=np.float64), -1, 1)
    compressed = np.sign(x) * np.log1p(mu * np.abs(x)) / np.log1p(mu)
    return np.round((compressed + 1) / 2 * mu).astype(np.int64)
''',
        "why": "rounds to the nearest of 256 levels instead of librosa's bins (the smallest edge at or above)",
        "alternative": '''def mu_law_encode(x, mu=255):
    values = torch.as_tensor(np.asarray(x), dtype=torch.float64).clamp(-1.0, 1.0)
    squashed = torch.sign(values) * torch.log(1 + mu * values.abs()) / math.log(1 + mu)
    return np.ceil(((squashed + 1) * mu / 2).numpy()).astype(np.int64)
''',
        "denied": '''def mu_law_encode(x, mu=255):
    clipped = np.clip(np.asarray(x, dtype=np.float64), -1, 1)
    return (librosa.mu_compress(clipped, mu=mu, quantize=True) + (mu + 1) // 2).astype(np.int64)
''',
    },
    "mu_law_decode": {
        "wrong": '''def mu_law_decode(classes, mu=255):
    c = np.asarray(classes, dtype=np.int64)
    if c.size and (c.min() < 0 or c.max() > mu):
        raise ValueError("out of range")
    y = c / mu * 2 - 1
    return np.sign(y) * ((1 + mu) ** np.abs(y) - 1) / mu
''',
        "why": "maps class c to 2c/mu - 1 (centre 127.5) instead of 2(c - 128)/256",
        "alternative": '''def mu_law_decode(classes, mu=255):
    c = np.array(classes).astype(np.int64)
    if np.any(c < 0) or np.any(c > mu):
        raise ValueError("classes out of range")
    half = (mu + 1) // 2
    y = (c - half) / ((mu + 1) / 2)
    return (np.sign(y) * ((1.0 + mu) ** np.abs(y) - 1.0) / mu).astype(np.float64)
''',
        "denied": '''def mu_law_decode(classes, mu=255):
    c = np.asarray(classes, dtype=np.int64)
    if c.size and (c.min() < 0 or c.max() > mu):
        raise ValueError("out of range")
    return librosa.mu_expand(c - (mu + 1) // 2, mu=mu, quantize=True).astype(np.float64)
''',
    },
    "CausalConv1d": {
        "wrong": '''class CausalConv1d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, dilation=1):
        super().__init__()
        self.conv = nn.Conv1d(in_channels, out_channels, kernel_size, dilation=dilation)
        self.pad = kernel_size - 1

    def forward(self, x):
        return self.conv(nn.functional.pad(x, (self.pad, 0)))
''',
        "why": "pads kernel_size - 1 zeros, forgetting the dilation: the output is shorter than the input",
        "alternative": '''class CausalConv1d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, dilation=1):
        super().__init__()
        self.conv = nn.Conv1d(in_channels, out_channels, kernel_size, dilation=dilation)

    def forward(self, x):
        length = x.shape[-1]
        reach = self.conv.dilation[0] * (self.conv.kernel_size[0] - 1)
        both_sides = nn.functional.conv1d(x, self.conv.weight, self.conv.bias, padding=reach,
                                          dilation=self.conv.dilation[0])
        return both_sides[..., :length]
''',
    },
    "receptive_field": {
        "wrong": '''def receptive_field(kernel_size, dilations):
    if kernel_size < 1 or any(d < 1 for d in dilations):
        raise ValueError("bad")
    return int(kernel_size * sum(dilations)) if dilations else 1
''',
        "why": "counts kernel_size * dilation per layer instead of (kernel_size - 1) * dilation, plus one",
        "alternative": '''def receptive_field(kernel_size, dilations):
    dilations = list(dilations)
    if kernel_size < 1 or min(dilations, default=1) < 1:
        raise ValueError("kernel_size and dilations must be >= 1")
    return int(1 + (kernel_size - 1) * sum(dilations))
''',
    },
    "quiz": {
        "wrong": '''quiz_quiet = np.linspace(-0.01, 0.01, 2001)
quiz_wave = np.sin(np.arange(4096) * 0.05) * np.hanning(4096)
quiz_spectrum = torch.stft(torch.as_tensor(quiz_wave), 256, hop_length=64, window=torch.hann_window(256, dtype=torch.float64),
                           center=True, pad_mode="constant", return_complex=True).numpy()
quiz_magnitude, quiz_phase = np.abs(quiz_spectrum), np.angle(quiz_spectrum)
predicted_receptive_ms = 2 * 10 / 22050 * 1000
predicted_quiet_classes = 3
predicted_true_phase_sc = 0.0
measured_receptive_ms = receptive_field(2, [2 ** layer for layer in range(10)]) / 22050 * 1000
measured_quiet_classes = int(np.unique(mu_law_encode(quiz_quiet)).size)
measured_true_phase_sc = spectral_convergence(
    quiz_magnitude, griffin_lim(quiz_magnitude, 0, 256, 64), 256, 64)
''',
        "why": "a receptive field growing linearly with depth, linear-quantisation levels, and the true phase not passed",
        "alternative": '''quiz_quiet = np.linspace(-0.01, 0.01, 2001)
quiz_wave = np.sin(np.arange(4096) * 0.05) * np.hanning(4096)
quiz_spectrum = torch.stft(torch.as_tensor(quiz_wave), 256, hop_length=64, window=torch.hann_window(256, dtype=torch.float64),
                           center=True, pad_mode="constant", return_complex=True).numpy()
quiz_magnitude, quiz_phase = np.abs(quiz_spectrum), np.angle(quiz_spectrum)
predicted_receptive_ms = 46.44
predicted_quiet_classes = 58
predicted_true_phase_sc = 0.001
measured_receptive_ms = float(receptive_field(2, (1, 2, 4, 8, 16, 32, 64, 128, 256, 512)) * 1000 / 22050)
measured_quiet_classes = len(set(mu_law_encode(quiz_quiet).tolist()))
rebuilt = griffin_lim(torch.as_tensor(quiz_magnitude), 0, n_fft=256, hop_length=64, initial_phase=torch.as_tensor(quiz_phase))
measured_true_phase_sc = float(spectral_convergence(quiz_magnitude, rebuilt, n_fft=256, hop_length=64))
''',
    },
}
