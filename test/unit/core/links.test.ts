import { publicLinks, sitePaths, tokenSearch } from '../../../lambdas/core/domain/links';

describe('publicLinks', () => {
  it('builds the confirmation and unsubscribe URLs under the public base URL, the token encoded', () => {
    const links = publicLinks('https://mujaz.example/api');
    expect(links.confirmUrl('v1.a+b/c=')).toBe('https://mujaz.example/api/subscriptions/confirm?token=v1.a%2Bb%2Fc%3D');
    expect(links.unsubscribeUrl('t&x')).toBe('https://mujaz.example/api/unsubscribe?token=t%26x');
    expect(links.editionUrl('12')).toBe('https://mujaz.example/api/archive/12');
    expect(links.editionUrl('a/b')).toBe('https://mujaz.example/api/archive/a%2Fb');
  });

  it('takes a base URL with one or more trailing slashes the same way', () => {
    expect(publicLinks('https://mujaz.example/').unsubscribeUrl('t')).toBe('https://mujaz.example/unsubscribe?token=t');
    expect(publicLinks('https://mujaz.example//').confirmUrl('t')).toBe(
      'https://mujaz.example/subscriptions/confirm?token=t',
    );
  });
});

describe('sitePaths', () => {
  it('builds the site-relative paths our pages link and post to, encoding what a path or query cannot hold', () => {
    expect(sitePaths.home()).toBe('/');
    expect(sitePaths.home('en')).toBe('/?lang=en');
    expect(sitePaths.subscribe()).toBe('/subscriptions');
    expect(sitePaths.confirm('v1.a+b/c=')).toBe('/subscriptions/confirm?token=v1.a%2Bb%2Fc%3D');
    expect(sitePaths.unsubscribe('t&x')).toBe('/unsubscribe?token=t%26x');
    expect(sitePaths.resubscribe('t&x')).toBe('/resubscribe?token=t%26x');
    expect(sitePaths.archive()).toBe('/archive');
    expect(sitePaths.edition('a/b')).toBe('/archive/a%2Fb');
    expect(sitePaths.feed()).toBe('/feed.xml');
    expect(tokenSearch('a+b')).toBe('?token=a%2Bb');
  });
});
