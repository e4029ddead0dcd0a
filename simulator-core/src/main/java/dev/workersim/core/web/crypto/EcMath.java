package dev.workersim.core.web.crypto;

import java.math.BigInteger;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;

/**
 * Point arithmetic on the NIST prime curves, in affine coordinates, for what the JCA does not
 * offer: the public point of an imported private key that came without it (not on any hot path,
 * and the scalar is the key's own, so timing is not exposed to another party), and the y of a
 * compressed point.
 */
final class EcMath {
    private EcMath() {
    }

    static ECPoint multiply(ECParameterSpec params, BigInteger k) {
        BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
        BigInteger a = params.getCurve().getA();
        ECPoint result = ECPoint.POINT_INFINITY;
        ECPoint addend = params.getGenerator();
        for (int i = 0; i < k.bitLength(); i++) {
            if (k.testBit(i)) result = add(result, addend, a, p);
            addend = add(addend, addend, a, p);
        }
        return result;
    }

    /**
     * The y with the given parity for which (x, y) is on the curve, or null if none: a square root
     * mod p, which for the NIST primes (p = 3 mod 4) is a single power.
     */
    static BigInteger y(ECParameterSpec params, BigInteger x, boolean odd) {
        BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
        BigInteger rhs = x.pow(3).add(params.getCurve().getA().multiply(x)).add(params.getCurve().getB()).mod(p);
        BigInteger y = rhs.modPow(p.add(BigInteger.ONE).shiftRight(2), p);
        if (!y.pow(2).mod(p).equals(rhs)) return null;
        return y.testBit(0) == odd ? y : p.subtract(y).mod(p);
    }

    private static ECPoint add(ECPoint s, ECPoint t, BigInteger a, BigInteger p) {
        if (s.equals(ECPoint.POINT_INFINITY)) return t;
        if (t.equals(ECPoint.POINT_INFINITY)) return s;
        BigInteger x1 = s.getAffineX(), y1 = s.getAffineY(), x2 = t.getAffineX(), y2 = t.getAffineY();
        BigInteger slope;
        if (x1.equals(x2)) {
            if (!y1.equals(y2) || y1.signum() == 0) return ECPoint.POINT_INFINITY;
            slope = x1.pow(2).multiply(BigInteger.valueOf(3)).add(a).multiply(y1.shiftLeft(1).modInverse(p)).mod(p);
        } else {
            slope = y2.subtract(y1).multiply(x2.subtract(x1).modInverse(p)).mod(p);
        }
        BigInteger x3 = slope.pow(2).subtract(x1).subtract(x2).mod(p);
        BigInteger y3 = slope.multiply(x1.subtract(x3)).subtract(y1).mod(p);
        return new ECPoint(x3, y3);
    }
}
