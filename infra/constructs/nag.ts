import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges one cdk-nag finding on one construct (and its children), with
 * the reason written next to the code that causes it. Use the most specific
 * finding id (`AwsSolutions-IAM5[Resource::...]`) and the smallest construct.
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * The text cdk-nag shows for a resource or action in an IAM5 finding id, so a
 * wildcard on a generated ARN can be acknowledged exactly (`Ref` becomes
 * `<Id>`, `Fn::GetAtt` `<Id.Attr>`, `Fn::Join` is joined; anything else is JSON).
 * Mirrors cdk-nag's flattenCfnReference, which the package does not export;
 * the zero-findings test fails if the two ever disagree.
 */
export function nagFindingText(scope: IConstruct, value: string): string {
  const visit = (node: unknown): string => {
    if (node === undefined) return '';
    if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o['Fn::Join']) {
        const [delimiter, items] = o['Fn::Join'] as [string, unknown[]];
        return items.map(visit).join(delimiter);
      }
      if (o['Fn::Sub']) return visit(o['Fn::Sub']);
      if (o['Fn::GetAtt']) {
        const [resource, attribute] = o['Fn::GetAtt'] as [unknown, unknown];
        return `<${visit(resource)}.${visit(attribute)}>`;
      }
      if (o['Fn::ImportValue']) return visit(o['Fn::ImportValue']);
      if (o.Ref) return `<${visit(o.Ref)}>`;
    }
    return JSON.stringify(node);
  };
  return visit(Stack.of(scope).resolve(value));
}
