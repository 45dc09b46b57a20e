"""Answer bank for week08/day03_spectrogram_generation (see tests/answer_bank/__init__.py)."""

BANK = {
    "hz_to_mel": {
        "wrong": '''def hz_to_mel(frequencies, htk=False):
    f = np.asarray(frequencies, dtype=np.float64)
    if htk:
        return np.asarray(2595.0 * np.log(1.0 + f / 700.0))
    f_sp = 200.0 / 3.0
    return np.asarray(np.where(f >= 1000.0, 15.0 + np.log(np.maximum(f, 1000.0) / 1000.0) * 27.0 / np.log(6.4), f / f_sp))


def mel_to_hz(mels, htk=False):
    m = np.asarray(mels, dtype=np.float64)
    if htk:
        return np.asarray(700.0 * (10.0 ** (m / 2595.0) - 1.0))
    return np.asarray(np.where(m >= 15.0, 1000.0 * np.exp((np.maximum(m, 15.0) - 15.0) * np.log(6.4) / 27.0), m * 200.0 / 3.0))
''',
        "why": "HTK with the natural log: the constant 2595 belongs with log10 (with ln it is 1127)",
        "alternative": '''import math


def _slaney_one(f):
    return f * 3.0 / 200.0 if f < 1000.0 else 15.0 + 27.0 * math.log(f / 1000.0) / math.log(6.4)


def _slaney_inverse_one(m):
    return m * 200.0 / 3.0 if m < 15.0 else 1000.0 * 6.4 ** ((m - 15.0) / 27.0)


def hz_to_mel(frequencies, htk=False):
    f = np.array(frequencies, dtype=float)
    if htk:
        return 2595.0 * np.log1p(f / 700.0) / np.log(10.0)
    return np.vectorize(_slaney_one, otypes=[float])(f)


def mel_to_hz(mels, htk=False):
    m = np.array(mels, dtype=float)
    if htk:
        return 700.0 * np.expm1(m * np.log(10.0) / 2595.0)
    return np.vectorize(_slaney_inverse_one, otypes=[float])(m)
''',
        "denied": '''def hz_to_mel(frequencies, htk=False):
    return np.asarray(librosa.hz_to_mel(np.asarray(frequencies, dtype=np.float64), htk=htk), dtype=np.float64)


def mel_to_hz(mels, htk=False):
    return np.asarray(librosa.mel_to_hz(np.asarray(mels, dtype=np.float64), htk=htk), dtype=np.float64)
''',
    },
    "mel_filterbank": {
        "wrong": '''def mel_filterbank(sample_rate, n_fft, n_mels, f_min, f_max, htk=False, norm="slaney"):
    if norm not in (None, "slaney"):
        raise ValueError("norm")
    if f_min < 0 or f_max <= f_min:
        raise ValueError("band")
    bins = np.linspace(0.0, sample_rate / 2.0, n_fft // 2 + 1)
    edges = mel_to_hz(np.linspace(hz_to_mel(f_min, htk), hz_to_mel(f_max, htk), n_mels + 2), htk)
    weights = np.zeros((n_mels, len(bins)))
    for i in range(n_mels):
        up = (bins - edges[i]) / (edges[i + 1] - edges[i])
        down = (edges[i + 2] - bins) / (edges[i + 2] - edges[i + 1])
        weights[i] = np.clip(np.minimum(up, down), 0.0, None)
        if norm == "slaney":
            weights[i] *= 2.0 / (edges[i + 2] - edges[i])
    return weights
''',
        "why": "bin frequencies from linspace(0, sr/2): wrong for an odd n_fft, where bin k is at k * sr / n_fft",
        "alternative": '''def mel_filterbank(sample_rate, n_fft, n_mels, f_min, f_max, htk=False, norm="slaney"):
    if norm is not None and norm != "slaney":
        raise ValueError("unsupported norm")
    if not (0 <= f_min < f_max):
        raise ValueError("need 0 <= f_min < f_max")
    fft_freqs = np.fft.rfftfreq(n_fft, d=1.0 / sample_rate)
    lo, hi = hz_to_mel(np.array([f_min, f_max], dtype=float), htk)
    mel_points = lo + (hi - lo) * np.arange(n_mels + 2) / (n_mels + 1)
    hz_points = mel_to_hz(mel_points, htk)
    widths = np.diff(hz_points)
    ramps = hz_points[:, None] - fft_freqs[None, :]
    out = np.empty((n_mels, fft_freqs.size), dtype=np.float64)
    for i in range(n_mels):
        lower = -ramps[i] / widths[i]
        upper = ramps[i + 2] / widths[i + 1]
        out[i] = np.maximum(0, np.minimum(lower, upper))
    if norm == "slaney":
        out *= (2.0 / (hz_points[2:] - hz_points[:-2]))[:, None]
    return out
''',
        "denied": '''def mel_filterbank(sample_rate, n_fft, n_mels, f_min, f_max, htk=False, norm="slaney"):
    if norm not in (None, "slaney"):
        raise ValueError("norm")
    if f_min < 0 or f_max <= f_min:
        raise ValueError("band")
    return librosa.filters.mel(sr=sample_rate, n_fft=n_fft, n_mels=n_mels, fmin=f_min, fmax=f_max, htk=htk, norm=norm,
                               dtype=np.float64)
''',
    },
    "log_mel_spectrogram": {
        "wrong": '''def log_mel_spectrogram(audio, sample_rate=22050, n_fft=1024, hop_length=256, n_mels=80, f_min=0.0, f_max=8000.0,
                        floor=1e-5):
    x = np.asarray(audio, dtype=np.float64).reshape(-1)
    padded = np.pad(x, n_fft // 2, mode="reflect") if len(x) > n_fft // 2 else np.pad(x, n_fft // 2)
    count = 1 + len(x) // hop_length
    window = np.sin(np.pi * np.arange(n_fft) / n_fft) ** 2
    frames = np.stack([padded[t * hop_length:t * hop_length + n_fft] * window for t in range(count)])
    magnitude = np.abs(np.fft.rfft(frames, axis=1)).T
    mel = mel_filterbank(sample_rate, n_fft, n_mels, f_min, f_max) @ magnitude
    return np.log(np.maximum(mel, floor)).astype(np.float32)
''',
        "why": "reflect padding at the edges instead of zeros (librosa's centred STFT pads with zeros by default)",
        "alternative": '''def log_mel_spectrogram(audio, sample_rate=22050, n_fft=1024, hop_length=256, n_mels=80, f_min=0.0, f_max=8000.0,
                        floor=1e-5):
    signal = torch.as_tensor(np.asarray(audio, dtype=np.float64)).reshape(-1)
    spectrum = torch.stft(signal, n_fft=n_fft, hop_length=hop_length, win_length=n_fft,
                          window=torch.hann_window(n_fft, periodic=True, dtype=torch.float64), center=True,
                          pad_mode="constant", return_complex=True)
    magnitude = spectrum.abs().numpy()
    bank = mel_filterbank(sample_rate, n_fft, n_mels, f_min, f_max, htk=False, norm="slaney")
    return np.log(np.clip(bank @ magnitude, floor, None)).astype(np.float32)
''',
        "denied": '''def log_mel_spectrogram(audio, sample_rate=22050, n_fft=1024, hop_length=256, n_mels=80, f_min=0.0, f_max=8000.0,
                        floor=1e-5):
    y = np.asarray(audio, dtype=np.float32).reshape(-1)
    mel = librosa.feature.melspectrogram(y=y, sr=sample_rate, n_fft=n_fft, hop_length=hop_length, power=1.0,
                                         n_mels=n_mels, fmin=f_min, fmax=f_max)
    return np.log(np.maximum(mel, floor)).astype(np.float32)
''',
    },
    "length_regulator": {
        "wrong": '''def length_regulator(encodings, durations):
    encodings = torch.as_tensor(encodings, dtype=torch.float32)
    durations = torch.as_tensor(durations)
    if bool((durations < 0).any()):
        raise ValueError("negative duration")
    counts = durations.long()
    rows = [torch.repeat_interleave(encodings[b], counts[b], dim=0) for b in range(len(encodings))]
    lengths = torch.tensor([len(r) for r in rows], dtype=torch.int64)
    frames = torch.zeros(len(rows), int(lengths.max()) if len(rows) else 0, encodings.shape[-1])
    for b, r in enumerate(rows):
        frames[b, :len(r)] = r
    return frames, lengths
''',
        "why": "fractional durations truncated by .long() (1.5 -> 1) instead of rounded (1.5 -> 2)",
        "alternative": '''def length_regulator(encodings, durations):
    encodings = torch.as_tensor(encodings).float()
    d = torch.as_tensor(durations).double()
    if (d < 0).any():
        raise ValueError("a negative duration")
    counts = torch.round(d).long()
    rows = [torch.repeat_interleave(encodings[b], counts[b], dim=0) for b in range(encodings.shape[0])]
    frames = torch.nn.utils.rnn.pad_sequence(rows, batch_first=True)
    if frames.dim() == 2:
        frames = frames.reshape(encodings.shape[0], 0, encodings.shape[-1])
    return frames.float(), counts.sum(dim=1).to(torch.int64)
''',
    },
    "masked_mel_l1": {
        "wrong": '''def masked_mel_l1(predicted, target, lengths):
    predicted, target = torch.as_tensor(predicted), torch.as_tensor(target)
    lengths = torch.as_tensor(lengths)
    real = (torch.arange(target.shape[1])[None, :] < lengths[:, None]).to(target.dtype)
    return ((predicted - target).abs() * real[..., None]).sum() / real.sum()
''',
        "why": "divides by the number of real frames but not by the number of mel bins",
        "alternative": '''def masked_mel_l1(predicted, target, lengths):
    predicted, target = torch.as_tensor(predicted), torch.as_tensor(target)
    pieces_p, pieces_t = [], []
    for b, n in enumerate(torch.as_tensor(lengths).tolist()):
        pieces_p.append(predicted[b, :n])
        pieces_t.append(target[b, :n])
    return torch.nn.functional.l1_loss(torch.cat(pieces_p), torch.cat(pieces_t))
''',
    },
    "duration_loss": {
        "wrong": '''def duration_loss(log_duration_predictions, durations, phoneme_mask):
    predictions = torch.as_tensor(log_duration_predictions)
    targets = torch.log1p(torch.as_tensor(durations).to(predictions.dtype))
    return ((predictions - targets) ** 2).mean()
''',
        "why": "averages over the padded phonemes too: the mask is ignored",
        "alternative": '''def duration_loss(log_duration_predictions, durations, phoneme_mask):
    predictions = torch.as_tensor(log_duration_predictions)
    keep = torch.as_tensor(phoneme_mask).bool()
    frames = torch.as_tensor(durations).double()
    return torch.nn.functional.mse_loss(predictions[keep], torch.log(frames[keep] + 1.0).to(predictions.dtype))
''',
    },
    "quiz": {
        "wrong": '''quiz_durations = torch.tensor([[2.5, 0.5, 1.5, 3.0, 0.0, 0.49]])
predicted_frames = 9
predicted_mel_of_3000_hz = 30.98
predicted_filters_below_1khz = 26
measured_frames = int(length_regulator(torch.zeros(1, 6, 1), quiz_durations)[1][0])
measured_mel_of_3000_hz = float(hz_to_mel([3000.0])[0])
measured_filters_below_1khz = int(((mel_filterbank(22050, 1024, 80, 0.0, 8000.0).argmax(axis=1) * 22050 / 1024) < 1000).sum())
''',
        "why": "predicts that halves round up (3 + 1 + 2 + 3 + 0 + 0 = 9); torch.round sends them to the even integer",
        "alternative": '''quiz_durations = torch.tensor([[2.5, 0.5, 1.5, 3.0, 0.0, 0.49]])
predicted_frames = 2 + 0 + 2 + 3 + 0 + 0
predicted_mel_of_3000_hz = 30.979
predicted_filters_below_1khz = 26
_frames_out, _lengths_out = length_regulator(torch.randn(1, 6, 3), quiz_durations)
measured_frames = int(_lengths_out.sum())
measured_mel_of_3000_hz = float(np.asarray(hz_to_mel(np.array([1000.0, 3000.0]))).reshape(-1)[1])
_bank = np.asarray(mel_filterbank(22050, 1024, 80, 0.0, 8000.0, htk=False, norm=None))
measured_filters_below_1khz = sum(1 for row in _bank if np.fft.rfftfreq(1024, 1 / 22050)[int(np.argmax(row))] < 1000.0)
''',
    },
}
