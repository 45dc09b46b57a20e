"""Answer bank for week09/day01_intro_to_asr (see tests/answer_bank/__init__.py)."""

BANK = {
    "pre_emphasis": {
        "wrong": '''def pre_emphasis(signal, coefficient=0.97):
    x = np.asarray(signal, dtype=np.float64)
    return x - coefficient * np.roll(x, 1)
''',
        "why": "np.roll wraps the last sample round to the front, so y[0] = x[0] - a x[-1] instead of x[0]",
        "alternative": '''def pre_emphasis(signal, coefficient=0.97):
    x = [float(v) for v in np.asarray(signal).reshape(-1)]
    out = [x[0]] + [x[n] - coefficient * x[n - 1] for n in range(1, len(x))]
    return np.array(out, dtype=np.float64)
''',
        "denied": '''def pre_emphasis(signal, coefficient=0.97):
    x = np.asarray(signal, dtype=np.float64)
    return librosa.effects.preemphasis(x, coef=coefficient, zi=np.zeros(1))
''',
    },
    "dct_ii_ortho": {
        "wrong": '''def dct_ii_ortho(values, n_out=None):
    x = np.asarray(values, dtype=np.float64)
    size = x.shape[0]
    kept = size if n_out is None else n_out
    k = np.arange(kept)[:, None]
    m = np.arange(size)[None, :]
    basis = np.sqrt(2.0 / size) * np.cos(np.pi * k * (2 * m + 1) / (2 * size))
    return np.tensordot(basis, x, axes=1)
''',
        "why": "every row scaled by sqrt(2/M): the k = 0 row needs sqrt(1/M), so c_0 is sqrt(2) times too large",
        "alternative": '''def dct_ii_ortho(values, n_out=None):
    x = np.asarray(values, dtype=np.float64)
    size = x.shape[0]
    flat = x.reshape(size, -1)
    kept = size if n_out is None else n_out
    rows = []
    for k in range(kept):
        scale = math.sqrt((1.0 if k == 0 else 2.0) / size)
        weights = np.array([math.cos(math.pi * k * (2 * m + 1) / (2 * size)) for m in range(size)])
        rows.append(scale * (weights @ flat))
    return np.stack(rows).reshape((kept,) + x.shape[1:])
''',
        "denied": '''def dct_ii_ortho(values, n_out=None):
    x = np.asarray(values, dtype=np.float64)
    out = scipy.fft.dct(x, type=2, norm="ortho", axis=0)
    return out if n_out is None else out[:n_out]
''',
    },
    "lifter": {
        "wrong": '''def lifter(cepstra, lifter_parameter):
    if lifter_parameter < 0:
        raise ValueError("negative")
    c = np.array(cepstra, dtype=np.float64)
    if lifter_parameter == 0:
        return c
    k = np.arange(c.shape[0], dtype=np.float64)
    w = 1.0 + lifter_parameter / 2.0 * np.sin(np.pi * k / lifter_parameter)
    return c * (w[:, None] if c.ndim == 2 else w)
''',
        "why": "sin(pi k / L) with k from 0: librosa's lifter uses k + 1, so every weight is shifted by one coefficient",
        "alternative": '''def lifter(cepstra, lifter_parameter):
    L = float(lifter_parameter)
    if L < 0:
        raise ValueError("the lifter parameter must not be negative")
    c = np.asarray(cepstra, dtype=np.float64)
    if L == 0:
        return c.copy()
    out = np.empty_like(c)
    for k in range(c.shape[0]):
        out[k] = c[k] * (1 + L / 2 * math.sin(math.pi * (k + 1) / L))
    return out
''',
    },
    "mfcc": {
        "wrong": '''def mfcc(audio_signal, sample_rate, n_mfcc=13, n_fft=512, hop_length=160, n_mels=40, fmin=0.0, fmax=None,
         lifter_parameter=0):
    x = np.asarray(audio_signal, dtype=np.float64)
    x = np.pad(x, n_fft // 2)
    count = 1 + (len(x) - n_fft) // hop_length
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n_fft) / n_fft)
    frames = np.stack([x[t * hop_length:t * hop_length + n_fft] * window for t in range(count)], axis=1)
    power = np.abs(np.fft.rfft(frames, axis=0)) ** 2
    mel = librosa.filters.mel(sr=sample_rate, n_fft=n_fft, n_mels=n_mels, fmin=fmin, fmax=fmax) @ power
    db = 10 * np.log10(np.maximum(mel, 1e-10))
    db = np.maximum(db, db.max() - 80)
    out = scipy.fft.dct(db, type=2, axis=0)[:n_mfcc]
    if lifter_parameter > 0:
        out = out * (1 + lifter_parameter / 2 * np.sin(np.pi * np.arange(1, n_mfcc + 1) / lifter_parameter))[:, None]
    return out
''',
        "why": "scipy's DCT with the default norm=None instead of norm='ortho': every coefficient scaled wrongly",
        "alternative": '''def mfcc(audio_signal, sample_rate, n_mfcc=13, n_fft=512, hop_length=160, n_mels=40, fmin=0.0, fmax=None,
         lifter_parameter=0):
    x = np.asarray(audio_signal, dtype=np.float64)
    x = np.pad(x, (n_fft // 2, n_fft // 2), mode="constant")
    count = 1 + (len(x) - n_fft) // hop_length
    window = 0.5 * (1 - np.cos(2 * np.pi * np.arange(n_fft) / n_fft))
    columns = []
    for t in range(count):
        spectrum = np.fft.rfft(x[t * hop_length:t * hop_length + n_fft] * window)
        columns.append(spectrum.real ** 2 + spectrum.imag ** 2)
    power = np.stack(columns, axis=1)
    bank = librosa.filters.mel(sr=sample_rate, n_fft=n_fft, n_mels=n_mels, fmin=fmin, fmax=fmax)
    energies = np.einsum("mf,ft->mt", bank, power)
    db = 10 * np.log10(np.clip(energies, 1e-10, None))
    db = np.clip(db, db.max() - 80, None)
    out = dct_ii_ortho(db, n_mfcc)
    return lifter(out, lifter_parameter)
''',
        "denied": '''def mfcc(audio_signal, sample_rate, n_mfcc=13, n_fft=512, hop_length=160, n_mels=40, fmin=0.0, fmax=None,
         lifter_parameter=0):
    return librosa.feature.mfcc(y=np.asarray(audio_signal, dtype=np.float64), sr=sample_rate, n_mfcc=n_mfcc,
                                n_fft=n_fft, hop_length=hop_length, n_mels=n_mels, fmin=fmin, fmax=fmax,
                                lifter=lifter_parameter)
''',
    },
    "edit_alignment": {
        "wrong": '''def edit_alignment(reference, hypothesis):
    ref, hyp = list(reference), list(hypothesis)
    R, H = len(ref), len(hyp)
    D = np.zeros((R + 1, H + 1), dtype=int)
    D[:, 0] = range(R + 1)
    D[0, :] = range(H + 1)
    for i in range(1, R + 1):
        for j in range(1, H + 1):
            D[i, j] = min(D[i - 1, j] + 1, D[i, j - 1] + 1, D[i - 1, j - 1] + (ref[i - 1] != hyp[j - 1]))
    ops = []
    i, j = R, H
    while i > 0 or j > 0:
        if i > 0 and j > 0 and D[i, j] == D[i - 1, j - 1] + (ref[i - 1] != hyp[j - 1]):
            ops.append("equal" if ref[i - 1] == hyp[j - 1] else "substitute"); i -= 1; j -= 1
        elif i > 0 and D[i, j] == D[i - 1, j] + 1:
            ops.append("delete"); i -= 1
        else:
            ops.append("insert"); j -= 1
    ops.reverse()
    return {"hits": ops.count("equal"), "substitutions": ops.count("substitute"), "deletions": ops.count("delete"),
            "insertions": ops.count("insert"), "operations": ops}
''',
        "why": "a valid minimum-cost alignment, but with its own tie-breaking (diagonal first, no prefix/suffix rule): counts differ from jiwer's",
        "alternative": '''def edit_alignment(reference, hypothesis):
    ref, hyp = list(reference), list(hypothesis)
    start = 0
    while start < len(ref) and start < len(hyp) and ref[start] == hyp[start]:
        start += 1
    end = 0
    while end < len(ref) - start and end < len(hyp) - start and ref[-1 - end] == hyp[-1 - end]:
        end += 1
    a, b = ref[start:len(ref) - end], hyp[start:len(hyp) - end]
    D = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        for j in range(len(b) + 1):
            if i == 0 or j == 0:
                D[i][j] = i + j
            else:
                D[i][j] = min(D[i - 1][j] + 1, D[i][j - 1] + 1, D[i - 1][j - 1] + int(a[i - 1] != b[j - 1]))
    i, j, tail = len(a), len(b), []
    while i and j:
        if D[i][j] - 1 == D[i - 1][j]:
            tail.append("delete")
            i -= 1
        elif j >= 2 and D[i - 1][j - 1] - 1 == D[i][j - 1]:
            tail.append("insert")
            j -= 1
        else:
            tail.append("substitute" if a[i - 1] != b[j - 1] else "equal")
            i, j = i - 1, j - 1
    tail.extend(["delete"] * i)
    tail.extend(["insert"] * j)
    ops = ["equal"] * start + list(reversed(tail)) + ["equal"] * end
    names = {"equal": "hits", "substitute": "substitutions", "delete": "deletions", "insert": "insertions"}
    result = {name: 0 for name in names.values()}
    for op in ops:
        result[names[op]] += 1
    result["operations"] = ops
    return result
''',
        "denied": '''def edit_alignment(reference, hypothesis):
    out = jiwer.process_words(" ".join(reference) or "x", " ".join(hypothesis) or "y")
    ops = []
    for chunk in out.alignments[0]:
        ops += [chunk.type] * max(chunk.ref_end_idx - chunk.ref_start_idx, chunk.hyp_end_idx - chunk.hyp_start_idx)
    return {"hits": out.hits, "substitutions": out.substitutions, "deletions": out.deletions,
            "insertions": out.insertions, "operations": ops}
''',
    },
    "word_error_rate": {
        "wrong": '''def word_error_rate(reference, hypothesis):
    normalise = lambda text: re.sub(r"[^a-z0-9'\\s]", " ", text.lower()).split()
    ref_words, hyp_words = normalise(reference), normalise(hypothesis)
    if not ref_words:
        raise ValueError("empty reference")
    counts = edit_alignment(ref_words, hyp_words)
    errors = counts["substitutions"] + counts["deletions"] + counts["insertions"]
    return float(errors / max(len(ref_words), len(hyp_words)))
''',
        "why": "divides by the longer of the two texts, so the WER never exceeds 1 and insertions are under-counted",
        "alternative": '''def word_error_rate(reference, hypothesis):
    def words(text):
        kept = "".join(ch if (ch.isascii() and (ch.isalnum() or ch == "'")) or ch.isspace() else " " for ch in text.lower())
        return kept.split()
    r, h = words(reference), words(hypothesis)
    if len(r) == 0:
        raise ValueError("no reference words")
    previous = list(range(len(h) + 1))
    for i in range(1, len(r) + 1):
        current = [i] + [0] * len(h)
        for j in range(1, len(h) + 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r[i - 1] != h[j - 1]))
        previous = current
    return previous[-1] / len(r)
''',
        "denied": '''def word_error_rate(reference, hypothesis):
    normalise = lambda text: " ".join(re.sub(r"[^a-z0-9'\\s]", " ", text.lower()).split())
    ref, hyp = normalise(reference), normalise(hypothesis)
    if not ref:
        raise ValueError("empty reference")
    if not hyp:
        return 1.0
    return float(jiwer.wer(ref, hyp))
''',
    },
    "character_error_rate": {
        "wrong": '''def character_error_rate(reference, hypothesis):
    ref = "".join(re.sub(r"[^a-z0-9'\\s]", " ", reference.lower()).split())
    hyp = "".join(re.sub(r"[^a-z0-9'\\s]", " ", hypothesis.lower()).split())
    if not ref:
        raise ValueError("empty reference")
    counts = edit_alignment(list(ref), list(hyp))
    return float((counts["substitutions"] + counts["deletions"] + counts["insertions"]) / len(ref))
''',
        "why": "the spaces between words are dropped: they count as characters in the CER",
        "alternative": '''def character_error_rate(reference, hypothesis):
    def clean(text):
        return " ".join("".join(c if c.isascii() and (c.isalnum() or c == "'" or c.isspace()) else " "
                                for c in text.lower()).split())
    r, h = clean(reference), clean(hypothesis)
    if r == "":
        raise ValueError("no reference characters")
    row = list(range(len(h) + 1))
    for i, rc in enumerate(r, start=1):
        new = [i]
        for j, hc in enumerate(h, start=1):
            new.append(min(row[j] + 1, new[j - 1] + 1, row[j - 1] + (rc != hc)))
        row = new
    return float(row[-1]) / len(r)
''',
        "denied": '''def character_error_rate(reference, hypothesis):
    clean = lambda text: " ".join(re.sub(r"[^a-z0-9'\\s]", " ", text.lower()).split())
    ref, hyp = clean(reference), clean(hypothesis)
    if not ref:
        raise ValueError("empty reference")
    if not hyp:
        return 1.0
    return float(jiwer.cer(ref, hyp))
''',
    },
    "quiz": {
        "wrong": '''quiz_audio = np.random.default_rng(7).normal(scale=0.1, size=24_000)
predicted_wer = 1.0
predicted_frames = 24_000 // 160
predicted_insertions = 2
measured_wer = word_error_rate("Turn the light on.", "turn the lights on in the kitchen please")
measured_frames = int(mfcc(quiz_audio, 16_000, n_fft=400, hop_length=160).shape[1])
measured_insertions = int(edit_alignment("please call me".split(), "please please call me now".split())["insertions"])
''',
        "why": "believes the WER is capped at 1, and forgets the extra frame that centring adds",
        "alternative": '''quiz_audio = np.random.default_rng(7).normal(scale=0.1, size=24_000)
predicted_wer = 1.25
predicted_frames = 151
predicted_insertions = 2
measured_wer = float(word_error_rate("Turn the light on.", "turn the lights on in the kitchen please"))
features = mfcc(quiz_audio, 16000, 13, 400, 160)
measured_frames = len(features[0])
alignment = edit_alignment(["please", "call", "me"], ["please", "please", "call", "me", "now"])
measured_insertions = alignment["operations"].count("insert")
''',
    },
}
