// From how many unused recovery codes a staff member is told to make new ones (on every staff page and their
// account page): with three left, a lost phone still leaves room to sign in and make more.
export const RECOVERY_CODES_LOW = 3;

export const recoveryCodesLow = (left: number): boolean => left <= RECOVERY_CODES_LOW;
