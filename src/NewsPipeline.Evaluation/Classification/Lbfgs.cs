namespace NewsPipeline.Evaluation.Classification;

/// <summary>Limited-memory BFGS with a backtracking (Armijo) line search: enough for a smooth convex objective.</summary>
internal static class Lbfgs
{
    /// <summary>Writes the gradient at x into gradient and returns the objective's value.</summary>
    public delegate double Objective(double[] x, double[] gradient);

    public static int Minimise(Objective f, double[] x, int maxIterations, double tolerance, int memory = 8)
    {
        var n = x.Length;
        var g = new double[n];
        var candidate = new double[n];
        var gCandidate = new double[n];
        var direction = new double[n];
        var s = new double[memory][];
        var y = new double[memory][];
        var rho = new double[memory];
        var alpha = new double[memory];
        for (var i = 0; i < memory; i++)
        {
            s[i] = new double[n];
            y[i] = new double[n];
        }
        var stored = 0;
        var head = 0;
        var value = f(x, g);
        var iteration = 0;
        for (; iteration < maxIterations; iteration++)
        {
            // Two-loop recursion: direction = -H·g.
            Array.Copy(g, direction, n);
            for (var m = 0; m < stored; m++)
            {
                var idx = (head - 1 - m + memory) % memory;
                alpha[idx] = rho[idx] * Dot(s[idx], direction);
                Axpy(-alpha[idx], y[idx], direction);
            }
            var gamma = 1.0;
            if (stored > 0)
            {
                var last = (head - 1 + memory) % memory;
                gamma = Dot(s[last], y[last]) / Dot(y[last], y[last]);
            }
            for (var i = 0; i < n; i++) direction[i] *= gamma;
            for (var m = stored - 1; m >= 0; m--)
            {
                var idx = (head - 1 - m + memory) % memory;
                var beta = rho[idx] * Dot(y[idx], direction);
                Axpy(alpha[idx] - beta, s[idx], direction);
            }
            for (var i = 0; i < n; i++) direction[i] = -direction[i];

            var slope = Dot(g, direction);
            if (slope >= 0)
            {
                // Not a descent direction (numerical trouble): restart from steepest descent.
                stored = 0;
                for (var i = 0; i < n; i++) direction[i] = -g[i];
                slope = Dot(g, direction);
            }
            var step = stored == 0 ? 1.0 / Math.Max(1e-12, Math.Sqrt(Dot(g, g))) : 1.0;
            double newValue = 0;
            var accepted = false;
            for (var trial = 0; trial < 40; trial++)
            {
                for (var i = 0; i < n; i++) candidate[i] = x[i] + step * direction[i];
                newValue = f(candidate, gCandidate);
                if (newValue <= value + 1e-4 * step * slope)
                {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) break;

            var sNew = s[head];
            var yNew = y[head];
            for (var i = 0; i < n; i++)
            {
                sNew[i] = candidate[i] - x[i];
                yNew[i] = gCandidate[i] - g[i];
            }
            var sy = Dot(sNew, yNew);
            if (sy > 1e-12)
            {
                rho[head] = 1.0 / sy;
                head = (head + 1) % memory;
                stored = Math.Min(stored + 1, memory);
            }
            Array.Copy(candidate, x, n);
            Array.Copy(gCandidate, g, n);
            var improvement = (value - newValue) / Math.Max(1.0, Math.Abs(newValue));
            value = newValue;
            if (improvement < tolerance) break;
        }
        return iteration;
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static void Axpy(double a, double[] x, double[] y)
    {
        for (var i = 0; i < x.Length; i++) y[i] += a * x[i];
    }
}
