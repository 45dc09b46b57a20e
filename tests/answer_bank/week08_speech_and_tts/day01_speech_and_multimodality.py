"""Answer bank for week08/day01_speech_and_multimodality (see tests/answer_bank/__init__.py)."""

BANK = {
    "alias_frequency": {
        "wrong": '''def alias_frequency(frequency, sample_rate):
    if sample_rate <= 0:
        raise ValueError("sample rate")
    frequency = abs(float(frequency))
    if frequency > sample_rate / 2:
        return float(abs(sample_rate - frequency))
    return frequency
''',
        "why": "mirrors once about the sample rate and never folds by whole multiples: 30,000 Hz at 22,050 Hz gives 7,950 by luck, 50,000 Hz gives 27,950",
        "alternative": '''def alias_frequency(frequency, sample_rate):
    if not sample_rate > 0:
        raise ValueError("the sample rate must be positive")
    f = abs(frequency) % sample_rate
    return float(min(f, sample_rate - f))
''',
    },
    "frame_signal": {
        "wrong": '''def frame_signal(signal, frame_length, hop_length, center=True):
    x = np.asarray(signal.detach().numpy() if hasattr(signal, "detach") else signal, dtype=np.float64).reshape(-1)
    if frame_length < 1 or hop_length < 1:
        raise ValueError("bad sizes")
    if center:
        if len(x) <= frame_length // 2:
            raise ValueError("too short")
        x = np.pad(x, frame_length // 2)
    if len(x) < frame_length:
        raise ValueError("too short")
    count = 1 + (len(x) - frame_length) // hop_length
    return np.stack([x[i * hop_length: i * hop_length + frame_length] for i in range(count)])
''',
        "why": "pads the centred signal with zeros (np.pad's default) instead of reflecting it: the edge frames differ from torch.stft's",
        "alternative": '''def frame_signal(signal, frame_length, hop_length, center=True):
    if hasattr(signal, "detach"):
        signal = signal.detach().numpy()
    x = np.array(signal, dtype=np.float64).ravel()
    if min(frame_length, hop_length) < 1:
        raise ValueError("frame_length and hop_length must be positive")
    if center:
        p = frame_length // 2
        if x.size <= p:
            raise ValueError("too short to reflect")
        if p:
            x = np.concatenate([x[p:0:-1], x, x[-2:-p - 2:-1]])
    if x.size < frame_length:
        raise ValueError("shorter than one frame")
    view = np.lib.stride_tricks.sliding_window_view(x, frame_length)[::hop_length]
    return np.ascontiguousarray(view, dtype=np.float64)
''',
        "denied": '''def frame_signal(signal, frame_length, hop_length, center=True):
    x = np.asarray(signal.detach().numpy() if hasattr(signal, "detach") else signal, dtype=np.float64).reshape(-1)
    if frame_length < 1 or hop_length < 1:
        raise ValueError("bad sizes")
    if center:
        if len(x) <= frame_length // 2:
            raise ValueError("too short")
        x = np.pad(x, frame_length // 2, mode="reflect")
    if len(x) < frame_length:
        raise ValueError("too short")
    return np.ascontiguousarray(librosa.util.frame(x, frame_length=frame_length, hop_length=hop_length, axis=0))
''',
    },
    "hann_window": {
        "wrong": '''def hann_window(length, periodic=True):
    if length < 0:
        raise ValueError("negative length")
    if length <= 1:
        return np.ones(length)
    n = np.arange(length)
    return 0.5 - 0.5 * np.cos(2 * np.pi * n / (length - 1))
''',
        "why": "always the symmetric window (denominator N - 1): the periodic window that spectrograms use divides by N",
        "alternative": '''def hann_window(length, periodic=True):
    if length < 0:
        raise ValueError("negative length")
    if length == 1:
        return np.array([1.0])
    span = length + (0 if periodic else -1)
    return np.array([math.sin(math.pi * i / span) ** 2 for i in range(length)], dtype=np.float64)
''',
        "denied": '''def hann_window(length, periodic=True):
    if length < 0:
        raise ValueError("negative length")
    return torch.hann_window(length, periodic=periodic, dtype=torch.float64).numpy()
''',
    },
    "stft": {
        "wrong": '''def stft(signal, n_fft, hop_length, window):
    samples = np.asarray(signal, dtype=np.float64)
    window = np.asarray(window, dtype=np.float64)
    if window.shape != (n_fft,):
        raise ValueError("window length")
    if len(samples) <= n_fft // 2:
        raise ValueError("too short")
    padded = np.pad(samples, n_fft // 2, mode="reflect")
    n_frames = 1 + (len(padded) - n_fft) // hop_length
    frames = np.stack([padded[t * hop_length: t * hop_length + n_fft] for t in range(n_frames)])
    spectrum = np.fft.rfft(frames, axis=1) * window[: n_fft // 2 + 1]
    return spectrum.T
''',
        "why": "multiplies the spectrum by the window instead of the frames: a window acts in time, before the Fourier transform",
        "alternative": '''def stft(signal, n_fft, hop_length, window):
    x = torch.as_tensor(np.asarray(signal.detach() if hasattr(signal, "detach") else signal, dtype=np.float64))
    w = torch.as_tensor(np.asarray(window.detach() if hasattr(window, "detach") else window, dtype=np.float64))
    if w.numel() != n_fft:
        raise ValueError("the window must have n_fft samples")
    half = n_fft // 2
    if x.numel() <= half:
        raise ValueError("signal too short to reflect-pad")
    if half:
        x = torch.nn.functional.pad(x[None, None], (half, half), mode="reflect")[0, 0]
    columns = []
    for start in range(0, x.numel() - n_fft + 1, hop_length):
        columns.append(torch.fft.rfft(x[start:start + n_fft] * w))
    return torch.stack(columns, dim=1).numpy()
''',
        "denied": '''def stft(signal, n_fft, hop_length, window):
    x = torch.as_tensor(np.asarray(signal, dtype=np.float64))
    w = torch.as_tensor(np.asarray(window, dtype=np.float64))
    if w.numel() != n_fft:
        raise ValueError("the window must have n_fft samples")
    if x.numel() <= n_fft // 2:
        raise ValueError("too short")
    return torch.stft(x, n_fft, hop_length, window=w, center=True, pad_mode="reflect", return_complex=True).numpy()
''',
    },
    "bin_frequencies": {
        "wrong": '''def bin_frequencies(n_fft, sample_rate):
    if n_fft < 1 or sample_rate <= 0:
        raise ValueError("bad arguments")
    return np.linspace(0, sample_rate / 2, n_fft // 2 + 1)


def frame_times(n_frames, hop_length, sample_rate, center=True, frame_length=None):
    if n_frames < 0 or hop_length < 1 or sample_rate <= 0:
        raise ValueError("bad arguments")
    if not center and frame_length is None:
        raise ValueError("frame_length needed")
    return np.arange(n_frames) * hop_length / sample_rate
''',
        "why": "frame_times ignores centring (uncentred frames sit frame_length // 2 samples later), and linspace to sr/2 is wrong for odd n_fft",
        "alternative": '''def bin_frequencies(n_fft, sample_rate):
    if n_fft < 1 or sample_rate <= 0:
        raise ValueError("bad arguments")
    return np.array([k * sample_rate / n_fft for k in range(n_fft // 2 + 1)], dtype=np.float64)


def frame_times(n_frames, hop_length, sample_rate, center=True, frame_length=None):
    if n_frames < 0 or hop_length < 1 or sample_rate <= 0:
        raise ValueError("bad arguments")
    if center:
        first = 0.0
    elif frame_length is None:
        raise ValueError("frame_length is needed without centring")
    else:
        first = (frame_length // 2) / sample_rate
    return first + np.arange(n_frames) * (hop_length / sample_rate)
''',
        "denied": '''def bin_frequencies(n_fft, sample_rate):
    if n_fft < 1 or sample_rate <= 0:
        raise ValueError("bad arguments")
    return np.fft.rfftfreq(n_fft, d=1.0 / sample_rate)


def frame_times(n_frames, hop_length, sample_rate, center=True, frame_length=None):
    if n_frames < 0 or hop_length < 1 or sample_rate <= 0:
        raise ValueError("bad arguments")
    if not center and frame_length is None:
        raise ValueError("frame_length needed")
    return librosa.frames_to_time(np.arange(n_frames), sr=sample_rate, hop_length=hop_length,
                                  n_fft=None if center else frame_length).astype(np.float64)
''',
    },
    "amplitude_to_db": {
        "wrong": '''def amplitude_to_db(magnitude, ref=1.0, amin=1e-5, top_db=80.0):
    if amin <= 0:
        raise ValueError("amin")
    if top_db is not None and top_db < 0:
        raise ValueError("top_db")
    S = np.abs(np.asarray(magnitude.detach().numpy() if hasattr(magnitude, "detach") else magnitude)).astype(np.float64)
    db = 10 * np.log10(np.maximum(S, amin)) - 10 * np.log10(max(ref, amin))
    if top_db is not None:
        db = np.maximum(db, db.max() - top_db)
    return db
''',
        "why": "10 log10 on amplitudes: that is the formula for power, so every level comes out half as many dB",
        "alternative": '''def amplitude_to_db(magnitude, ref=1.0, amin=1e-5, top_db=80.0):
    if not amin > 0:
        raise ValueError("amin must be positive")
    if top_db is not None and top_db < 0:
        raise ValueError("top_db must not be negative")
    values = magnitude.detach().numpy() if hasattr(magnitude, "detach") else magnitude
    power = np.abs(np.asarray(values, dtype=np.complex128)) ** 2
    db = 10.0 * (np.log10(np.maximum(power, amin ** 2)) - np.log10(max(float(ref) ** 2, amin ** 2)))
    if top_db is not None and db.size:
        floor = db.max() - top_db
        db = np.where(db < floor, floor, db)
    return db.astype(np.float64)
''',
        "denied": '''def amplitude_to_db(magnitude, ref=1.0, amin=1e-5, top_db=80.0):
    if not amin > 0:
        raise ValueError("amin must be positive")
    if top_db is not None and top_db < 0:
        raise ValueError("top_db must not be negative")
    S = np.abs(np.asarray(magnitude)).astype(np.float64)
    return librosa.amplitude_to_db(S, ref=ref, amin=amin, top_db=top_db).astype(np.float64)
''',
    },
    "quiz": {
        "wrong": '''quiz_second = np.zeros(22_050)
quiz_tone = np.cos(2 * np.pi * 15_000 * np.arange(11_025) / 22_050)
predicted_frames = 1 + 22_050 // 256
predicted_bin_spacing = 22_050 / 2 / 1024
predicted_alias = 15_000.0
measured_frames = int(frame_signal(quiz_second, 1024, 256).shape[0])
measured_bin_spacing = float(bin_frequencies(1024, 22_050)[1])
measured_alias = float(bin_frequencies(1024, 22_050)[int(np.argmax(np.abs(stft(quiz_tone, 1024, 256, hann_window(1024))).mean(axis=1)))])
''',
        "why": "counts centred frames (the default of frame_signal), halves the bin spacing and expects the tone above the Nyquist frequency to show as itself",
        "alternative": '''quiz_second = np.zeros(22_050)
quiz_tone = np.cos(2 * np.pi * 15_000 * np.arange(11_025) / 22_050)
predicted_frames = 83
predicted_bin_spacing = 21.533203125
predicted_alias = 7050.0
rows = frame_signal(quiz_second, 1024, 256, center=False)
measured_frames = len(rows)
freqs = bin_frequencies(1024, 22_050)
measured_bin_spacing = float(np.diff(freqs).mean())
power = (np.abs(stft(quiz_tone, 1024, 256, hann_window(1024))) ** 2).sum(axis=1)
measured_alias = float(freqs[power.argmax()])
''',
    },
}
