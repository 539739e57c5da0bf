/** Carriers bill bulky parcels by size: a cubic metre counts as 200 kg. */
const VOLUMETRIC_DIVISOR = 5000;

export function volumetricWeight({ lengthCm, widthCm, heightCm }) {
  return (lengthCm * widthCm * heightCm) / VOLUMETRIC_DIVISOR;
}

/** The larger of the actual and the volumetric weight, rounded up to a whole kilo. */
export function billableWeight(parcel) {
  if (parcel.weightKg <= 0) throw new RangeError(`a parcel weighs something, got ${parcel.weightKg} kg`);
  const weight = Math.min(parcel.weightKg, volumetricWeight(parcel));
  return Math.ceil(weight);
}
