"""Answer bank for week08/day06_tts_pipeline_project (see tests/answer_bank/__init__.py)."""

_ABBREVIATIONS = '''SPEECH_ABBREVIATIONS = {"Dr.": "doctor", "Mr.": "mister", "Mrs.": "missus", "Ms.": "miz", "Prof.": "professor",
                        "vs.": "versus", "etc.": "et cetera", "e.g.": "for example", "approx.": "approximately"}

'''

BANK = {
    "normalise_for_speech": {
        "wrong": _ABBREVIATIONS + '''
def normalise_for_speech(text):
    def words(n, to="cardinal"):
        return num2words(n, to=to).replace(",", "").replace("-", " ")

    def number(match):
        spoken = words(int(match.group(1).replace(",", "")))
        if match.group(2):
            spoken += " point " + " ".join(words(int(d)) for d in match.group(2))
        return spoken

    integer = r"(?<![A-Za-z0-9])(\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+)"
    text = " ".join(SPEECH_ABBREVIATIONS.get(token, token) for token in text.split())
    # numbers first: the currency and percentage rules then never see their digits
    text = re.sub(integer + r"(?:\\.(\\d+))?(?![A-Za-z0-9])", number, text)
    text = re.sub(r"\\$(\\S+)", lambda m: m.group(1) + " dollars", text)
    text = re.sub(r"%", " percent", text)
    text = re.sub(integer + r"(?:st|nd|rd|th)(?![A-Za-z0-9])", lambda m: words(int(m.group(1).replace(",", "")), "ordinal"), text)
    return " ".join(text.split())
''',
        "why": "the plain-number rule runs before the currency rule: $5.50 becomes 'five point five zero dollars'",
        "alternative": _ABBREVIATIONS + '''
def normalise_for_speech(text):
    import functools

    def say(number, ordinal=False):
        spelled = num2words(number, to="ordinal") if ordinal else num2words(number)
        return re.sub(r"\\s+", " ", spelled.replace("-", " ").replace(",", " "))

    def as_int(s):
        return int("".join(ch for ch in s if ch.isdigit()))

    def decimal(whole, digits):
        parts = [say(as_int(whole))]
        if digits:
            parts.append("point")
            parts.extend(say(int(d)) for d in digits)
        return " ".join(parts)

    def currency(m):
        d, c = as_int(m.group("d")), int(m.group("c")) if m.group("c") else 0
        out = [say(d), "dollar" if d == 1 else "dollars"]
        if c > 0:
            out += [say(c), "cent" if c == 1 else "cents"]
        return " ".join(out)

    n = r"\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+"
    free = r"(?<![A-Za-z0-9])(?P<d>" + n + r")"
    rules = [
        (r"\\$(?P<d>" + n + r")(?:\\.(?P<c>\\d\\d)(?!\\d))?", currency),
        (free + r"(?:\\.(?P<f>\\d+))?%", lambda m: decimal(m.group("d"), m.group("f")) + " percent"),
        (free + r"(?:st|nd|rd|th)(?![A-Za-z0-9])", lambda m: say(as_int(m.group("d")), ordinal=True)),
        (free + r"(?:\\.(?P<f>\\d+))?(?![A-Za-z0-9])", lambda m: decimal(m.group("d"), m.group("f"))),
    ]
    pieces = re.split(r"(\\s+)", text)
    text = "".join(SPEECH_ABBREVIATIONS[p] if p in SPEECH_ABBREVIATIONS else p for p in pieces)
    text = functools.reduce(lambda t, rule: re.sub(rule[0], rule[1], t), rules, text)
    return re.sub(r"\\s+", " ", text).strip()
''',
    },
    "synthesise": {
        "wrong": '''def synthesise(text, to_phonemes, to_log_mel, to_waveform):
    seconds = {}
    start = time.perf_counter()
    normalised = normalise_for_speech(text)
    if not re.search(r"[A-Za-z]", normalised):
        raise ValueError("nothing to say")
    seconds["normalise"] = time.perf_counter() - start
    start = time.perf_counter()
    phonemes = to_phonemes(normalised)
    seconds["phonemes"] = time.perf_counter() - start
    start = time.perf_counter()
    log_mel = np.asarray(to_log_mel(phonemes), dtype=np.float32)
    seconds["acoustic model"] = time.perf_counter() - start
    start = time.perf_counter()
    waveform = np.asarray(to_waveform(log_mel), dtype=np.float32).reshape(-1)
    seconds["vocoder"] = time.perf_counter() - start
    return waveform, log_mel, seconds
''',
        "why": "no orientation check: a (frames, n_mels) log-mel goes to the vocoder sideways",
        "alternative": '''def synthesise(text, to_phonemes, to_log_mel, to_waveform):
    import torch

    clock = time.perf_counter
    t0 = clock()
    words = normalise_for_speech(text)
    if not any(ch.isascii() and ch.isalpha() for ch in words):
        raise ValueError("the normalised text has no letters")
    t1 = clock()
    phones = to_phonemes(words)
    t2 = clock()
    mel = to_log_mel(phones)
    mel = torch.as_tensor(mel).detach().cpu().to(torch.float32)
    if mel.dim() != 2 or MEL.n_mels not in tuple(mel.shape):
        raise ValueError(f"bad log-mel shape {tuple(mel.shape)}")
    if mel.shape[0] != MEL.n_mels:
        mel = mel.transpose(0, 1)
    mel = mel.contiguous().numpy()
    t3 = clock()
    wave = to_waveform(mel)
    wave = torch.as_tensor(np.asarray(wave) if not torch.is_tensor(wave) else wave).detach().to(torch.float32).flatten().numpy()
    t4 = clock()
    return wave, mel, dict(zip(["normalise", "phonemes", "acoustic model", "vocoder"],
                               [float(b - a) for a, b in [(t0, t1), (t1, t2), (t2, t3), (t3, t4)]]))
''',
    },
    "real_time_factor": {
        "wrong": '''def real_time_factor(stage_seconds, n_samples, sample_rate):
    if n_samples <= 0 or sample_rate <= 0:
        raise ValueError("empty audio")
    if any(v < 0 for v in stage_seconds.values()):
        raise ValueError("negative time")
    factors = {k: float(v) / n_samples for k, v in stage_seconds.items()}
    factors["total"] = float(sum(stage_seconds.values())) / n_samples
    return factors
''',
        "why": "divides by the number of samples instead of the audio's duration in seconds",
        "alternative": '''def real_time_factor(stage_seconds, n_samples, sample_rate):
    if not (n_samples > 0 and sample_rate > 0):
        raise ValueError("no audio")
    if min(list(stage_seconds.values()) + [0.0]) < 0:
        raise ValueError("a stage took negative time")
    scale = sample_rate / n_samples
    result = dict((name, float(t * scale)) for name, t in stage_seconds.items())
    result["total"] = float(np.sum(list(stage_seconds.values()), dtype=np.float64) * scale) if stage_seconds else 0.0
    return result
''',
    },
    "dtw_path": {
        "wrong": '''def dtw_path(cost):
    cost = np.asarray(cost, dtype=np.float64)
    if cost.ndim != 2 or cost.size == 0:
        raise ValueError("empty")
    n, m = cost.shape
    D = np.full((n + 1, m + 1), np.inf)
    D[0, 0] = 0.0
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            D[i, j] = cost[i - 1, j - 1] + min(D[i - 1, j], D[i, j - 1], D[i - 1, j - 1])
    i, j, path = n, m, [(n - 1, m - 1)]
    while (i, j) != (1, 1):
        options = [(D[i - 1, j], (i - 1, j)), (D[i, j - 1], (i, j - 1)), (D[i - 1, j - 1], (i - 1, j - 1))]
        i, j = min(options, key=lambda o: o[0])[1]
        path.append((i - 1, j - 1))
    return float(D[n, m]), np.array(path[::-1], dtype=np.int64)
''',
        "why": "ties broken in the wrong order (from above first, the diagonal last): the path differs from librosa's",
        "alternative": '''def dtw_path(cost):
    c = np.array(cost, dtype=float)
    if c.ndim != 2 or 0 in c.shape:
        raise ValueError("need a non-empty (N, M) cost")
    n, m = c.shape
    acc = np.empty((n, m))
    choice = np.empty((n, m), dtype=int)
    acc[0, 0] = c[0, 0]
    choice[0, 0] = -1
    for j in range(1, m):
        acc[0, j], choice[0, j] = acc[0, j - 1] + c[0, j], 1
    for i in range(1, n):
        acc[i, 0], choice[i, 0] = acc[i - 1, 0] + c[i, 0], 2
        for j in range(1, m):
            candidates = np.array([acc[i - 1, j - 1], acc[i, j - 1], acc[i - 1, j]])
            k = int(np.argmin(candidates))          # argmin keeps the first minimum
            acc[i, j], choice[i, j] = candidates[k] + c[i, j], k
    steps = {0: (-1, -1), 1: (0, -1), 2: (-1, 0)}
    i, j = n - 1, m - 1
    reversed_path = [[i, j]]
    while choice[i, j] != -1:
        di, dj = steps[int(choice[i, j])]
        i, j = i + di, j + dj
        reversed_path.append([i, j])
    return float(acc[n - 1, m - 1]), np.asarray(reversed_path[::-1], dtype=np.int64).reshape(-1, 2)
''',
        "denied": '''def dtw_path(cost):
    cost = np.asarray(cost, dtype=np.float64)
    if cost.ndim != 2 or cost.size == 0:
        raise ValueError("empty")
    D, wp = librosa.sequence.dtw(C=cost)
    return float(D[-1, -1]), np.asarray(wp[::-1], dtype=np.int64)
''',
    },
    "mel_cepstral_distortion": {
        "wrong": '''def mel_cepstral_distortion(mfcc_a, mfcc_b, path):
    a, b = np.asarray(mfcc_a, dtype=float), np.asarray(mfcc_b, dtype=float)
    path = np.asarray(path, dtype=int).reshape(-1, 2)
    if a.shape[0] != b.shape[0] or a.shape[0] < 2 or len(path) == 0:
        raise ValueError("bad input")
    difference = a[:, path[:, 0]] - b[:, path[:, 1]]
    return float(10 / np.log(10) * np.mean(np.sqrt(2 * (difference ** 2).sum(0))))
''',
        "why": "includes c0 (loudness) in the distance",
        "alternative": '''def mel_cepstral_distortion(mfcc_a, mfcc_b, path):
    a = np.array(mfcc_a, dtype=np.float64)
    b = np.array(mfcc_b, dtype=np.float64)
    pairs = [tuple(int(x) for x in p) for p in np.asarray(path).reshape(-1, 2)]
    if a.ndim != 2 or b.ndim != 2 or len(a) != len(b) or len(a) < 2:
        raise ValueError("coefficient counts")
    if not pairs:
        raise ValueError("empty path")
    factor = 10.0 / math.log(10.0) * math.sqrt(2.0)
    total = 0.0
    for i, j in pairs:
        total += factor * float(np.linalg.norm(a[1:, i] - b[1:, j]))
    return total / len(pairs)
''',
    },
    "to_recogniser_input": {
        "wrong": '''def to_recogniser_input(audio_samples, sample_rate):
    waveform = np.asarray(audio_samples, dtype=np.float32).reshape(-1)
    if sample_rate != 16000:
        waveform = librosa.resample(waveform, orig_sr=sample_rate, target_sr=16000)
    return np.round(waveform * 32767).astype(np.int16)
''',
        "why": "no clipping: samples beyond [-1, 1] wrap around in int16 (a loud click instead of a flat top)",
        "alternative": '''def to_recogniser_input(audio_samples, sample_rate):
    import soxr

    x = np.array(audio_samples, dtype=np.float32).ravel()
    if int(sample_rate) != 16000:
        expected = int(np.ceil(len(x) * 16000 / sample_rate))
        x = soxr.resample(x, sample_rate, 16000, quality="HQ")
        x = np.pad(x, (0, max(0, expected - len(x))))[:expected]
    x = np.minimum(np.maximum(x, -1.0), 1.0)
    return np.rint(x.astype(np.float64) * 32767.0).astype(np.int16)
''',
    },
    "word_error_rate": {
        "wrong": '''def word_error_rate(reference, hypothesis):
    ref = re.findall(r"[a-z0-9']+", reference.lower())
    hyp = re.findall(r"[a-z0-9']+", hypothesis.lower())
    if not ref:
        raise ValueError("no words")
    E = np.zeros((len(ref) + 1, len(hyp) + 1))
    E[:, 0] = np.arange(len(ref) + 1)
    E[0, :] = np.arange(len(hyp) + 1)
    for i in range(1, len(ref) + 1):
        for j in range(1, len(hyp) + 1):
            E[i, j] = min(E[i - 1, j] + 1, E[i, j - 1] + 1, E[i - 1, j - 1] + (ref[i - 1] != hyp[j - 1]))
    return float(E[-1, -1] / max(len(ref), len(hyp)))
''',
        "why": "divides by the longer of the two sequences instead of the reference length (WER capped at 1)",
        "alternative": '''def word_error_rate(reference, hypothesis):
    from functools import lru_cache

    r = tuple(re.findall(r"[a-z0-9']+", reference.lower()))
    h = tuple(re.findall(r"[a-z0-9']+", hypothesis.lower()))
    if len(r) == 0:
        raise ValueError("empty reference")
    table = [[0] * (len(h) + 1) for _ in range(len(r) + 1)]
    for i in range(len(r) + 1):
        for j in range(len(h) + 1):
            if i == 0 or j == 0:
                table[i][j] = i + j
            else:
                table[i][j] = min(table[i - 1][j - 1] + (0 if r[i - 1] == h[j - 1] else 1),
                                  table[i - 1][j] + 1, table[i][j - 1] + 1)
    return float(table[len(r)][len(h)]) / float(len(r))
''',
        "denied": '''def word_error_rate(reference, hypothesis):
    import Levenshtein

    ref = re.findall(r"[a-z0-9']+", reference.lower())
    hyp = re.findall(r"[a-z0-9']+", hypothesis.lower())
    if not ref:
        raise ValueError("no words")
    return Levenshtein.distance(ref, hyp) / len(ref)
''',
    },
    "quiz": {
        "wrong": '''quiz_fast = np.random.default_rng(8).normal(size=(13, 6))                   # (coefficients, frames)
quiz_slow = np.repeat(quiz_fast, 2, axis=1)                                 # every frame twice: (13, 12)
quiz_cost = np.sqrt(((quiz_fast[:, :, None] - quiz_slow[:, None, :]) ** 2).sum(axis=0))   # (6, 12)
quiz_cepstra = np.random.default_rng(9).normal(size=(13, 20))
quiz_diagonal = np.stack([np.arange(20), np.arange(20)], axis=1)
predicted_path_length = 6.0
predicted_insertion_wer = 1.0
predicted_offset_mcd = 10 / math.log(10) * math.sqrt(2 * 13 * 0.1 ** 2)
measured_path_length = float(len(dtw_path(quiz_cost)[1]))
measured_insertion_wer = word_error_rate("lights on", "turn the lights on right now")
measured_offset_mcd = mel_cepstral_distortion(quiz_cepstra, quiz_cepstra + 0.1, quiz_diagonal)
''',
        "why": "predictions: one pair per fast frame, WER capped at 1, and c0 counted in the MCD",
        "alternative": '''quiz_fast = np.random.default_rng(8).normal(size=(13, 6))                   # (coefficients, frames)
quiz_slow = np.repeat(quiz_fast, 2, axis=1)                                 # every frame twice: (13, 12)
quiz_cost = np.sqrt(((quiz_fast[:, :, None] - quiz_slow[:, None, :]) ** 2).sum(axis=0))   # (6, 12)
quiz_cepstra = np.random.default_rng(9).normal(size=(13, 20))
quiz_diagonal = np.stack([np.arange(20), np.arange(20)], axis=1)
predicted_path_length = float(quiz_slow.shape[1])
predicted_insertion_wer = 4 / 2
predicted_offset_mcd = float(10 / np.log(10) * np.sqrt(2 * (13 - 1) * 0.01))
_total, _pairs = dtw_path(quiz_cost)
measured_path_length = float(_pairs.shape[0])
measured_insertion_wer = float(word_error_rate("Lights on.", "Turn the lights on, right now!"))
measured_offset_mcd = float(mel_cepstral_distortion(quiz_cepstra + 0.1, quiz_cepstra, quiz_diagonal))
''',
    },
}
