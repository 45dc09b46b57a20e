"""Answer bank for week08/day05_tts_trends (see tests/answer_bank/__init__.py)."""

BANK = {
    "cosine_similarity_matrix": {
        "wrong": '''def cosine_similarity_matrix(embeddings):
    if isinstance(embeddings, torch.Tensor):
        embeddings = embeddings.detach().numpy()
    vectors = np.asarray(embeddings, dtype=np.float64)
    if vectors.ndim != 2:
        raise ValueError("embeddings must be 2-D")
    return vectors @ vectors.T
''',
        "why": "dot products without dividing by the lengths: only right for unit vectors",
        "alternative": '''def cosine_similarity_matrix(embeddings):
    import torch.nn.functional as F
    tensor = torch.as_tensor(np.asarray(embeddings.detach() if isinstance(embeddings, torch.Tensor) else embeddings,
                                        dtype=np.float64))
    if tensor.dim() != 2:
        raise ValueError("need an (N, D) matrix")
    unit = F.normalize(tensor, p=2.0, dim=1, eps=1e-300)
    return torch.mm(unit, unit.t()).numpy().astype(np.float64)
''',
        "denied": '''def cosine_similarity_matrix(embeddings):
    vectors = np.asarray(embeddings.detach().numpy() if isinstance(embeddings, torch.Tensor) else embeddings, dtype=np.float64)
    if vectors.ndim != 2:
        raise ValueError("embeddings must be 2-D")
    return np.asarray(cosine_similarity(vectors), dtype=np.float64)
''',
    },
    "nearest_speaker_accuracy": {
        "wrong": '''def nearest_speaker_accuracy(enrolment_embeddings, enrolment_speakers, test_embeddings, test_speakers):
    enrol = np.asarray(enrolment_embeddings, dtype=float)
    test = np.asarray(test_embeddings, dtype=float).reshape(len(test_speakers), -1)
    if len(test) == 0:
        raise ValueError("no test rows")
    def unit(rows):
        n = np.linalg.norm(rows, axis=1, keepdims=True)
        return np.divide(rows, n, out=np.zeros_like(rows), where=n > 0)
    nearest = np.argmax(unit(test) @ unit(enrol).T, axis=1)
    return float(np.mean([enrolment_speakers[i] == s for i, s in zip(nearest, test_speakers)]))
''',
        "why": "the single nearest enrolment row (1-nearest-neighbour) instead of the nearest speaker centroid",
        "alternative": '''def nearest_speaker_accuracy(enrolment_embeddings, enrolment_speakers, test_embeddings, test_speakers):
    import math
    enrol = [list(map(float, row)) for row in np.asarray(enrolment_embeddings, dtype=float)]
    tests = [list(map(float, row)) for row in np.asarray(test_embeddings, dtype=float).reshape(len(test_speakers), -1)]
    if not tests:
        raise ValueError("nothing to test")
    sums, counts = {}, {}
    for row, name in zip(enrol, enrolment_speakers):
        if name not in sums:
            sums[name], counts[name] = [0.0] * len(row), 0
        sums[name] = [a + b for a, b in zip(sums[name], row)]
        counts[name] += 1

    def cosine(u, v):
        nu, nv = math.sqrt(sum(x * x for x in u)), math.sqrt(sum(x * x for x in v))
        return 0.0 if nu == 0 or nv == 0 else sum(x * y for x, y in zip(u, v)) / (nu * nv)

    correct = 0
    for row, truth in zip(tests, test_speakers):
        best_name, best_score = None, -math.inf
        for name in sorted(sums):
            score = cosine(row, [x / counts[name] for x in sums[name]])
            if score > best_score:
                best_name, best_score = name, score
        correct += best_name == truth
    return correct / len(tests)
''',
    },
    "equal_error_rate": {
        "wrong": '''def equal_error_rate(scores, labels):
    scores = np.asarray(scores, dtype=float).reshape(-1)
    labels = np.asarray(labels).reshape(-1)
    if scores.size == 0 or scores.shape != labels.shape:
        raise ValueError("bad input")
    same = labels == 1
    if same.all() or not same.any():
        raise ValueError("need both labels")
    best, eer = None, None
    for t in np.unique(scores)[::-1]:
        far = np.mean(scores[~same] >= t)
        frr = np.mean(scores[same] < t)
        if best is None or abs(far - frr) < best:
            best, eer = abs(far - frr), (far + frr) / 2
    return float(eer)
''',
        "why": "the mean of FAR and FRR at the threshold where they are closest, without interpolating to the crossing",
        "alternative": '''def equal_error_rate(scores, labels):
    s = [float(x) for x in np.asarray(scores, dtype=float).reshape(-1)]
    y = [int(x) for x in np.asarray(labels).reshape(-1)]
    if not s or len(s) != len(y):
        raise ValueError("one label per score")
    positives = [a for a, b in zip(s, y) if b == 1]
    negatives = [a for a, b in zip(s, y) if b != 1]
    if not positives or not negatives:
        raise ValueError("both kinds of pair are needed")
    points = [(0.0, 1.0)]
    for t in sorted(set(s), reverse=True):
        points.append((sum(n >= t for n in negatives) / len(negatives), sum(p < t for p in positives) / len(positives)))
    for (far0, frr0), (far1, frr1) in zip(points, points[1:]):
        if far1 - frr1 >= 0:
            if far1 == frr1:
                return float(far1)
            d0, d1 = far0 - frr0, far1 - frr1
            return float(far0 + (far1 - far0) * (-d0) / (d1 - d0))
    raise AssertionError("unreachable")
''',
        "denied": '''def equal_error_rate(scores, labels):
    scores = np.asarray(scores, dtype=float).reshape(-1)
    labels = np.asarray(labels).reshape(-1).astype(int)
    if scores.size == 0 or scores.shape != labels.shape or labels.min() == labels.max():
        raise ValueError("bad input")
    fpr, tpr, _ = roc_curve(labels, scores)
    grid = np.linspace(0, 1, 2000001)
    return float(grid[np.argmin(np.abs(1 - grid - np.interp(grid, fpr, tpr)))])
''',
    },
    "pitch_shift_semitones": {
        "wrong": '''def pitch_shift_semitones(f0_a, f0_b):
    a = np.asarray(f0_a, dtype=np.float64)
    b = np.asarray(f0_b, dtype=np.float64)
    if np.all(np.isnan(a)) or np.all(np.isnan(b)):
        raise ValueError("no voiced frame")
    return float(12 * np.log2(np.nanmedian(b) / np.nanmedian(a)))
''',
        "why": "nanmedian leaves out the nan frames but still counts frames marked unvoiced with 0 Hz",
        "alternative": '''def pitch_shift_semitones(f0_a, f0_b):
    import math
    import statistics

    def typical(track):
        values = [float(v) for v in np.asarray(track, dtype=float).reshape(-1)]
        voiced = [v for v in values if math.isfinite(v) and v > 0]
        if not voiced:
            raise ValueError("this track is all unvoiced")
        return statistics.median(voiced)

    return 12.0 * math.log(typical(f0_b) / typical(f0_a), 2)
''',
    },
    "phonemes_per_second": {
        "wrong": '''def phonemes_per_second(phonemes, starts, n_samples, sample_rate, pauses=("_", "_:")):
    starts = np.asarray(starts, dtype=np.int64).reshape(-1)
    if len(phonemes) != len(starts):
        raise ValueError("one start per phoneme")
    spoken = sum(name not in pauses for name in phonemes)
    if spoken == 0 or n_samples <= 0:
        raise ValueError("nothing spoken")
    return float(spoken / (n_samples / sample_rate))
''',
        "why": "divides by the whole clip's duration: the pauses' time is counted as speaking time",
        "alternative": '''def phonemes_per_second(phonemes, starts, n_samples, sample_rate, pauses=("_", "_:")):
    starts = [int(s) for s in np.asarray(starts).reshape(-1)]
    if len(starts) != len(phonemes):
        raise ValueError("lengths differ")
    count, samples = 0, 0
    for i, name in enumerate(phonemes):
        if name in pauses:
            continue
        end = starts[i + 1] if i + 1 < len(starts) else int(n_samples)
        count += 1
        samples += end - starts[i]
    if count == 0 or samples <= 0:
        raise ValueError("no speech")
    return count * sample_rate / samples
''',
    },
    "real_time_factor": {
        "wrong": '''def real_time_factor(seconds_spent, n_samples, sample_rate):
    if n_samples <= 0 or sample_rate <= 0 or seconds_spent < 0:
        raise ValueError("bad arguments")
    if seconds_spent == 0:
        return 0.0
    return float((n_samples / sample_rate) / seconds_spent)
''',
        "why": "the inverse: seconds of audio per second of compute (the speed-up), not the RTF",
        "alternative": '''def real_time_factor(seconds_spent, n_samples, sample_rate):
    if not (n_samples > 0 and sample_rate > 0):
        raise ValueError("samples and sample rate must be positive")
    if not seconds_spent >= 0:
        raise ValueError("negative time")
    return float(seconds_spent * sample_rate / n_samples)
''',
    },
    "quantize_per_channel_int8": {
        "wrong": '''def quantize_per_channel_int8(weight):
    w = torch.as_tensor(weight).detach().float()
    if w.dim() != 2 or w.numel() == 0:
        raise ValueError("need a 2-D weight")
    largest = w.abs().max()
    scale = largest / 127 if largest > 0 else torch.tensor(1.0)
    codes = torch.clamp(torch.round(w / scale), -127, 127).to(torch.int8)
    return codes, scale.repeat(w.shape[0]).float()
''',
        "why": "one scale for the whole matrix (per tensor): small rows are rounded towards zero",
        "alternative": '''def quantize_per_channel_int8(weight):
    values = np.array(weight.detach().cpu().numpy() if isinstance(weight, torch.Tensor) else weight, dtype=np.float32)
    if values.ndim != 2 or values.size == 0:
        raise ValueError("weight must be a non-empty matrix")
    peak = np.max(np.abs(values), axis=1)
    steps = np.where(peak > 0, peak / np.float32(127), np.float32(1)).astype(np.float32)
    codes = np.clip(np.rint(values * (np.float32(1) / steps)[:, None]), -127, 127).astype(np.int8)
    return torch.from_numpy(codes), torch.from_numpy(steps)
''',
        "denied": '''def quantize_per_channel_int8(weight):
    w = torch.as_tensor(weight).detach().float()
    if w.dim() != 2 or w.numel() == 0:
        raise ValueError("need a 2-D weight")
    largest = w.abs().amax(dim=1)
    scales = torch.where(largest > 0, largest / 127, torch.ones_like(largest))
    quantised = torch.quantize_per_channel(w, scales.double(), torch.zeros(len(scales), dtype=torch.int64), 0, torch.qint8)
    return quantised.int_repr(), scales
''',
    },
    "quiz": {
        "wrong": '''quiz_scores = [0.95, 0.8, 0.6, 0.55, 0.7, 0.5, 0.4, 0.1]
quiz_labels = [1, 1, 1, 1, 0, 0, 0, 0]
quiz_f0_low = np.array([np.nan, 100.0, 110.0, np.nan, 0.0, 120.0, np.nan, np.nan, 105.0, 115.0, 0.0])
quiz_f0_high = np.array([150.0, np.nan, 165.0, 180.0, np.nan, 0.0, 0.0, np.nan])
quiz_row = torch.linspace(-2.54, 1.9, 301).reshape(1, -1)
predicted_eer = 0.125
predicted_semitones = 6.0
predicted_worst_error = 0.02
measured_eer = equal_error_rate(quiz_scores, quiz_labels)
measured_semitones = pitch_shift_semitones(quiz_f0_low, quiz_f0_high)
quiz_codes, quiz_scales = quantize_per_channel_int8(quiz_row)
measured_worst_error = float((quiz_row - quiz_codes.float() * quiz_scales[:, None]).abs().max())
''',
        "why": "guesses: half the right EER, a linear pitch ratio in semitones (0.5 x 12), and a whole quantisation step instead of half",
        "alternative": '''import math
quiz_scores = [0.95, 0.8, 0.6, 0.55, 0.7, 0.5, 0.4, 0.1]
quiz_labels = [1, 1, 1, 1, 0, 0, 0, 0]
quiz_f0_low = np.array([np.nan, 100.0, 110.0, np.nan, 0.0, 120.0, np.nan, np.nan, 105.0, 115.0, 0.0])
quiz_f0_high = np.array([150.0, np.nan, 165.0, 180.0, np.nan, 0.0, 0.0, np.nan])
quiz_row = torch.linspace(-2.54, 1.9, 301).reshape(1, -1)
predicted_eer = 1 / 4
predicted_semitones = 12 * math.log2(165 / 110)
predicted_worst_error = 2.54 / 127 / 2
measured_eer = float(equal_error_rate(np.array(quiz_scores), np.array(quiz_labels)))
measured_semitones = float(pitch_shift_semitones(torch.tensor(quiz_f0_low), quiz_f0_high))
codes, scales = quantize_per_channel_int8(quiz_row.numpy())
measured_worst_error = float(np.max(np.abs(quiz_row.numpy() - codes.numpy().astype(np.float32) * scales.numpy()[:, None])))
''',
    },
}
