import { BadRequestError } from '../domain/errors.ts';
import { isRole, type Member, normaliseEmail, ROLES } from './member.ts';
import type { MemberStore } from './member-store.ts';

/** `paperpulse user add EMAIL --role ROLE`: creates the member, or gives an existing one the role. */
export async function addMember(
  members: MemberStore,
  email: string,
  role: string,
  now: Date,
): Promise<Member> {
  const address = normaliseEmail(email);
  if (address === null) throw new BadRequestError(`"${email}" is not an email address`);
  if (!isRole(role)) throw new BadRequestError(`role must be one of ${ROLES.join(', ')}`);
  const member = await members.findOrCreate(address, now, role);
  if (member.role === role) return member;
  await members.setRole(member.id, role);
  return { ...member, role };
}
